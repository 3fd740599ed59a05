using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Transactions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// A fresh, migrated database (a SQLite file in WAL mode, or a PostgreSQL database) with the app's services registered the
/// way the app registers them, one user, and books of ten accounts each that the user edits.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private static readonly string[] SqliteFileSuffixes = ["", "-wal", "-shm"];

    private readonly Func<ValueTask> drop;

    private BenchDatabase(DatabaseProvider provider, string connectionString, ServiceProvider services, Actor actor,
        IReadOnlyList<BenchBook> books, Func<ValueTask> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Services = services;
        Actor = actor;
        Books = books;
        this.drop = drop;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public ServiceProvider Services { get; }
    public Actor Actor { get; }
    public IReadOnlyList<BenchBook> Books { get; }
    public Guid BookId => Books[0].Id;
    public Guid[] Accounts => Books[0].Accounts;

    public PostingService Postings => Services.GetRequiredService<PostingService>();
    public RegisterService Register => Services.GetRequiredService<RegisterService>();

    public static async Task<BenchDatabase> CreateSqliteAsync(string directory, SqliteDurability durability, int books = 1)
    {
        var path = Path.Combine(directory, $"bench-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path}";
        await using (var db = new LedgerDbContext(LedgerDbContext.StandaloneOptions(o => o.UseSqlite(connectionString))))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }
        return await SeedAsync(DatabaseProvider.Sqlite, connectionString, services => services.AddLedgerSqlite(connectionString, durability),
            books, () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in SqliteFileSuffixes)
                {
                    File.Delete(path + suffix);
                }
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>A new database on <paramref name="server"/> with <paramref name="books"/> books, one per concurrent writer.</summary>
    public static async Task<BenchDatabase> CreatePostgresAsync(PostgresBenchServer server, int books = 1)
    {
        var connectionString = await server.CreateDatabaseAsync();
        return await SeedAsync(DatabaseProvider.Postgres, connectionString, services => services.AddLedgerPostgres(connectionString),
            books, () => new ValueTask(server.DropDatabaseAsync(connectionString)));
    }

    private static async Task<BenchDatabase> SeedAsync(DatabaseProvider provider, string connectionString,
        Action<IServiceCollection> addData, int books, Func<ValueTask> drop)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        addData(services);
        services.AddBooks(new ConfigurationBuilder().Build()).AddAccounts().AddTransactions().AddReports();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped<BlazorLedger.Features.Admin.DashboardService>();
        var serviceProvider = services.BuildServiceProvider();

        var user = new ApplicationUser { UserName = "bench@example.com", Email = "bench@example.com", SecurityStamp = "x" };
        await using (var db = await serviceProvider.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        var actor = new Actor(user.Id);
        var bookService = serviceProvider.GetRequiredService<BookService>();
        var accountService = serviceProvider.GetRequiredService<AccountService>();
        var created = new List<BenchBook>(books);
        for (var b = 0; b < books; b++)
        {
            var book = (await bookService.CreateAsync(actor, books == 1 ? "Bench" : $"Bench {b}", "USD")).Value!;
            var accounts = new Guid[10];
            for (var i = 0; i < accounts.Length; i++)
            {
                accounts[i] = (await accountService.CreateAsync(actor, new CreateAccount(book.Id, $"Account {i}", null, AccountType.Asset, "USD"))).Value!.Id;
            }
            created.Add(new BenchBook(book.Id, accounts));
        }
        return new BenchDatabase(provider, connectionString, serviceProvider, actor, created, drop);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await drop();
    }
}
