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
    private readonly string keysPath = Path.Combine(Path.GetTempPath(), $"ledger-app-keys-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> settings;

    public AppHost(string environment = "Development", IDictionary<string, string?>? overrides = null)
    {
        Environment = environment;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = $"Data Source={databasePath}",
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = AdminPassword,
            ["DataProtection:KeysPath"] = keysPath,
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

    public string KeysPath => settings["DataProtection:KeysPath"]!;

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
    public HttpClient NewBrowser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Signs in through the real sign-in form (antiforgery token and all); returns the response to the post.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        PostFormAsync(browser, "Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Loads a static-rendered form page and posts it back with its antiforgery token, as a browser would.</summary>
    /// <remarks>A page that shows no form (say, registration is closed) has no token: <paramref name="tokenFrom"/> names a page
    /// to take one from, as a crafted request would.</remarks>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string handler, Dictionary<string, string> fields,
        string? tokenFrom = null)
    {
        var form = await browser.GetStringAsync(tokenFrom ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value;
        fields["_handler"] = handler;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Runs <paramref name="action"/> with services from a fresh scope of the running app.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
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
        if (Directory.Exists(keysPath))
        {
            Directory.Delete(keysPath, recursive: true);
        }
    }
}
