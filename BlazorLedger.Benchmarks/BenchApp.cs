using BlazorLedger.Common;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Books;
using BlazorLedger.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// The real app, started by its own Program on a real Kestrel port on 127.0.0.1, in Production with its shipped settings
/// (a SQLite file, full durability, group commit on): only the database file, the keys folder and the API's per-minute
/// limits are set here, the limits so high that a benchmark's thousands of requests a minute are not refused. One user
/// with a write token owns one book of ten accounts, whose first two hold the bulk-loaded postings. (The factory runs the
/// entry point of its type argument's assembly; this project's own Program hides the app's, so another of its types names it.)
/// </summary>
internal sealed class BenchApp : WebApplicationFactory<LedgerDbContext>
{
    public const string Email = "bench@example.com";
    public const string Password = "Bench-Pass-123";

    private readonly string databasePath;
    private readonly string keysPath;

    private BenchApp(string directory)
    {
        databasePath = Path.Combine(directory, $"app-{Guid.NewGuid():N}.db");
        keysPath = Path.Combine(directory, $"keys-{Guid.NewGuid():N}");
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public Actor Actor { get; private set; } = default!;
    public Guid BookId { get; private set; }
    public Guid[] Accounts { get; private set; } = [];
    public string Token { get; private set; } = "";

    /// <summary>The account with the bulk-loaded history (half of the postings), and the one on the other side of it.</summary>
    public Guid Busy => Accounts[0];

    /// <summary>Accounts with no bulk-loaded history, for the posts a benchmark makes.</summary>
    public Guid[] Quiet => Accounts[2..];

    public int Postings { get; private set; }

    public static async Task<BenchApp> StartAsync(string directory, int postings)
    {
        var app = new BenchApp(directory);
        try
        {
            await app.SeedAsync(postings);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Outside Development the framework serves the build's static assets (MudBlazor's script) only when asked to.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ConnectionStrings:Ledger"] = $"Data Source={databasePath}",
            ["DataProtection:KeysPath"] = keysPath,
            ["Seed:DemoData"] = "false",
            ["Api:RequestsPerMinute"] = "100000000",
            ["Api:RequestsPerMinutePerUser"] = "100000000",
        })
        {
            builder.UseSetting(key, value);
        }
        builder.UseUrls("http://127.0.0.1:0");
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>The connection string the app uses, pooled and all.</summary>
    public string ConnectionString => $"Data Source={databasePath}";

    private async Task SeedAsync(int postings)
    {
        var userId = await WithScopeAsync(async services =>
        {
            var user = new ApplicationUser { UserName = Email, Email = Email, DisplayName = "Bench", EmailConfirmed = true };
            var created = await services.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, Password);
            return created.Succeeded ? user.Id : throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        });
        Actor = new Actor(userId);
        await WithScopeAsync(async services =>
        {
            // The personal book every new user gets: the only book, so that the pages open on it.
            BookId = (await services.GetRequiredService<BookService>().ListAsync(Actor)).Single().Id;
            var accounts = services.GetRequiredService<AccountService>();
            Accounts = new Guid[10];
            for (var i = 0; i < Accounts.Length; i++)
            {
                Accounts[i] = Check(await accounts.CreateAsync(Actor, new CreateAccount(BookId, $"Bench {i}", null, AccountType.Asset, "USD"))).Id;
            }
            Token = Check(await services.GetRequiredService<ApiTokenService>().CreateAsync(Actor, "bench", ApiScopes.Write, null)).Secret;
            return true;
        });
        await SqliteTransfers.LoadAsync(ConnectionString, BookId, userId, Accounts[0], Accounts[1], postings / 2);
        Postings = postings;
    }

    private static T Check<T>(Result<T> result) => result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Message);

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
