using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, with its own fresh SQLite file (or a PostgreSQL database, see
/// <see cref="OnPostgresAsync"/>), started the way <c>dotnet run</c> starts it (migrations, seeding) and configured only
/// through settings.
/// </summary>
public sealed partial class AppHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Test-Admin-Pass-1";

    /// <summary>The password of the users that tests create, unless a test chooses another.</summary>
    public const string UserPassword = "Member-Pass-1";

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"ledger-app-{Guid.NewGuid():N}.db");
    private readonly string keysPath = Path.Combine(Path.GetTempPath(), $"ledger-app-keys-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> settings;

    /// <summary>The PostgreSQL database this host made and drops when disposed (none for SQLite, or for a further instance).</summary>
    private string? ownedDatabase;

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

    /// <summary>The app without the demo book, so that a test sees only the users and books it makes.</summary>
    public static AppHost WithoutDemoData(string environment = "Development", params (string Key, string? Value)[] settings)
    {
        var overrides = new Dictionary<string, string?> { ["Seed:DemoData"] = "false" };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }
        return new AppHost(environment, overrides);
    }

    /// <summary>
    /// The app on a fresh PostgreSQL database of its own (from <see cref="PostgresServer"/>), dropped when the host is
    /// disposed; <see cref="AddInstance"/> starts more instances on the same database.
    /// </summary>
    public static async Task<AppHost> OnPostgresAsync(string environment = "Development", params (string Key, string? Value)[] settings)
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var host = OnPostgres(database, environment, settings);
            host.ownedDatabase = database;
            return host;
        }
        catch
        {
            await PostgresServer.DropDatabaseAsync(database);
            throw;
        }
    }

    /// <summary>An instance of the app (without demo data unless the settings ask) on the PostgreSQL database given; the caller drops it.</summary>
    public static AppHost OnPostgres(string connectionString, string environment = "Development", params (string Key, string? Value)[] settings) =>
        WithoutDemoData(environment, [.. settings, ("Database:Provider", "Postgres"), ("ConnectionStrings:Ledger", connectionString)]);

    /// <summary>One more instance of the app on this one's database, with the same settings (PostgreSQL only).</summary>
    public AppHost AddInstance()
    {
        if (PostgresConnectionString is null)
        {
            throw new InvalidOperationException("Only instances on PostgreSQL share a database.");
        }
        return new AppHost(Environment, settings);
    }

    /// <summary>The database's connection string when the app runs on PostgreSQL, else null.</summary>
    public string? PostgresConnectionString => settings.GetValueOrDefault("Database:Provider") == "Postgres" ? settings["ConnectionStrings:Ledger"] : null;

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

    /// <summary>
    /// Starts the app with <paramref name="setting"/> set to <paramref name="value"/> on a database of its own, expecting
    /// start-up to fail: returns every message of the failure, and whether the database file was created before it.
    /// </summary>
    public static (string Messages, bool DatabaseCreated) StartupFailure(string setting, string? value)
    {
        var folder = Directory.CreateTempSubdirectory("ledger-bad-setting-");
        var database = Path.Combine(folder.FullName, "ledger.db");
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => new AppHost(overrides: new Dictionary<string, string?>
            {
                [setting] = value,
                ["ConnectionStrings:Ledger"] = $"Data Source={database}",
                ["DataProtection:KeysPath"] = Path.Combine(folder.FullName, "keys"),
            }));
            return (string.Join(" | ", Chain(failure).Select(e => e.Message)), File.Exists(database));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }

        static IEnumerable<Exception> Chain(Exception exception) =>
            exception is AggregateException aggregate
                ? aggregate.InnerExceptions.SelectMany(Chain).Prepend(exception)
                : exception.InnerException is { } inner ? Chain(inner).Prepend(exception) : [exception];
    }

    /// <summary>An HTTP client with its own cookie jar that does not follow redirects, so tests can see them.</summary>
    public HttpClient NewBrowser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>An HTTP client that calls the API as a script would, with <paramref name="token"/> (if any) as its bearer token.</summary>
    public HttpClient NewApiClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

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

    /// <summary>Runs <paramref name="action"/> on a fresh context of the running app's database.</summary>
    public Task<T> WithDbAsync<T>(Func<LedgerDbContext, Task<T>> action) => WithScopeAsync(async services =>
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        return await action(db);
    });

    /// <summary>
    /// Creates a user through Identity, as registration would (personal book and all); <paramref name="setUp"/> changes the
    /// new user before it is saved (say, confirms the address).
    /// </summary>
    public Task<ApplicationUser> CreateUserAsync(string email, string password = UserPassword, Action<ApplicationUser>? setUp = null) =>
        WithScopeAsync(async services =>
        {
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
            setUp?.Invoke(user);
            var result = await services.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            return user;
        });

    public Task<ApplicationUser?> FindUserAsync(string email) =>
        WithScopeAsync(services => services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));

    public async Task<Actor> ActorAsync(string email) => new((await FindUserAsync(email))!.Id);

    public Task<Actor> AdminAsync() => ActorAsync(AdminEmail);

    /// <summary>Creates a personal access token for <paramref name="user"/> and returns its secret.</summary>
    public Task<string> CreateTokenAsync(Actor user, string scope = ApiScopes.Read, int? days = 30, Guid? book = null) => WithScopeAsync(async services =>
        (await services.GetRequiredService<ApiTokenService>().CreateAsync(user, "test", scope, days, book)).Value!.Secret);

    /// <summary>The one message in the outbox addressed to <paramref name="to"/>.</summary>
    public Task<OutboxMessage> MailToAsync(string to) => WithDbAsync(db => db.Outbox.SingleAsync(m => m.To == to));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownedDatabase is not null)
        {
            await PostgresServer.DropDatabaseAsync(ownedDatabase);
        }
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
