using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Benchmarks;

/// <summary>A fresh, migrated SQLite file in WAL mode with one user, one book and ten accounts.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string path, ServiceProvider services, Actor actor, Guid bookId, Guid[] accounts)
    {
        Path = path;
        Services = services;
        Actor = actor;
        BookId = bookId;
        Accounts = accounts;
    }

    public string Path { get; }
    public ServiceProvider Services { get; }
    public Actor Actor { get; }
    public Guid BookId { get; }
    public Guid[] Accounts { get; }
    public string ConnectionString => $"Data Source={Path}";


    public static async Task<BenchDatabase> CreateAsync(string directory, SqliteDurability durability)
    {
        var path = System.IO.Path.Combine(directory, $"bench-{Guid.NewGuid():N}.db");
        await using (var db = new LedgerDbContext(LedgerDbContext.StandaloneOptions(o => o.UseSqlite($"Data Source={path}"))))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddLedgerSqlite($"Data Source={path}", durability);
        services.AddBooks(new ConfigurationBuilder().Build()).AddAccounts().AddTransactions();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped<BlazorLedger.Features.Admin.DashboardService>();
        var provider = services.BuildServiceProvider();

        var user = new ApplicationUser { UserName = "bench@example.com", Email = "bench@example.com", SecurityStamp = "x" };
        await using (var db = await provider.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        var actor = new Actor(user.Id);
        var book = (await provider.GetRequiredService<BookService>().CreateAsync(actor, "Bench", "USD")).Value!;
        var accountService = provider.GetRequiredService<AccountService>();
        var accounts = new Guid[10];
        for (var i = 0; i < accounts.Length; i++)
        {
            accounts[i] = (await accountService.CreateAsync(actor, new CreateAccount(book.Id, $"Account {i}", null, AccountType.Asset, "USD"))).Value!.Id;
        }
        return new BenchDatabase(path, provider, actor, book.Id, accounts);
    }

    public PostingService Postings => Services.GetRequiredService<PostingService>();
    public RegisterService Register => Services.GetRequiredService<RegisterService>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
