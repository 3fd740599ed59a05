using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, with its own fresh SQLite file, started the way
/// <c>dotnet run</c> starts it (migrations, seeding) and configured only through settings.
/// </summary>
public sealed partial class AppHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Test-Admin-Pass-1";

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"ledger-app-{Guid.NewGuid():N}.db");
    private readonly Dictionary<string, string?> settings;

    public AppHost(string environment = "Development", IDictionary<string, string?>? overrides = null)
    {
        Environment = environment;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = $"Data Source={databasePath}",
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = AdminPassword,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
    }

    public string Environment { get; }

    public Uri BaseAddress { get; }

    public string DatabasePath => databasePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseUrls("http://127.0.0.1:0");
    }

    /// <summary>An HTTP client with its own cookie jar that does not follow redirects, so tests can see them.</summary>
    public HttpClient NewBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Signs in through the real sign-in form (antiforgery token and all); returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync("Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await browser.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
