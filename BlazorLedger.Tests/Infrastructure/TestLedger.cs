using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Rates;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Mail;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// A private ledger for one test: its own SQLite database (in memory unless a file is asked for) with the schema
/// made by the real migrations, and the real services over it. Nothing is shared between tests.
/// </summary>
internal sealed class TestLedger : IAsyncDisposable
{
    /// <summary>A database file and the write-ahead log and shared-memory files beside it.</summary>
    private static readonly string[] SqliteFileSuffixes = ["", "-wal", "-shm"];

    private readonly Func<ValueTask> cleanUp;

    public TestLedger(IServiceProvider services, Func<ValueTask> cleanUp)
    {
        Services = services;
        this.cleanUp = cleanUp;
    }

    public IServiceProvider Services { get; }

    public PostingService Postings => Services.GetRequiredService<PostingService>();
    public AccountService Accounts => Services.GetRequiredService<AccountService>();
    public BookService Books => Services.GetRequiredService<BookService>();
    public RegisterService Register => Services.GetRequiredService<RegisterService>();
    public MembershipService Members => Services.GetRequiredService<MembershipService>();
    public InvitationService Invitations => Services.GetRequiredService<InvitationService>();
    public SettingsService Settings => Services.GetRequiredService<SettingsService>();
    public Outbox Outbox => Services.GetRequiredService<Outbox>();

    /// <summary>A fresh in-memory database: one open connection that lives as long as the test.</summary>
    public static TestLedger InMemory(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        var connection = AddInMemoryLedger(services);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        return new TestLedger(provider, async () =>
        {
            await provider.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    /// <summary>
    /// Registers the ledger services over a new private in-memory database. Each context opens a connection of its own to
    /// it, as in the app (one connection shared by a page's and a test's concurrent work breaks under load); the returned
    /// database lives until the caller disposes it.
    /// </summary>
    public static InMemoryDatabase AddInMemoryLedger(IServiceCollection services)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"ledger-test-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        var keeper = new SqliteConnection(connectionString);
        keeper.Open();
        SchemaTemplate.CopyTo(keeper);
        services.AddLedgerSqlite(connectionString);
        AddLedgerServices(services);
        return new InMemoryDatabase(keeper);
    }

    /// <summary>A fresh database file in WAL mode, for tests where several connections write at once.</summary>
    public static async Task<TestLedger> OnFileAsync(SqliteDurability durability = SqliteDurability.Full,
        Action<IServiceCollection>? configure = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-test-{Guid.NewGuid():N}.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            SchemaTemplate.CopyTo(connection);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync();
        }
        var services = new ServiceCollection();
        services.AddLedgerSqlite($"Data Source={path}", durability);
        AddLedgerServices(services);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        return new TestLedger(provider, async () =>
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in SqliteFileSuffixes)
            {
                File.Delete(path + suffix);
            }
        });
    }

    /// <summary>A fresh database of its own on the test run's PostgreSQL server, dropped when the test ends.</summary>
    public static async Task<TestLedger> OnPostgresAsync(Action<IServiceCollection>? configure = null)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLedgerPostgres(connectionString);
        AddLedgerServices(services);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        return new TestLedger(provider, async () =>
        {
            await provider.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(connectionString);
        });
    }

    /// <summary>
    /// The ledger for a test class that runs on both providers: on PostgreSQL for its <see cref="IOnPostgres"/> half,
    /// else SQLite, in memory, or on a file in WAL mode when <paramref name="concurrent"/> writers need one.
    /// </summary>
    public static async Task<TestLedger> ForAsync(object testClass, bool concurrent = false, Action<IServiceCollection>? configure = null) =>
        testClass is IOnPostgres ? await OnPostgresAsync(configure)
        : concurrent ? await OnFileAsync(configure: configure)
        : InMemory(configure);

    /// <summary>Where links in the test ledger's messages point.</summary>
    public const string PublicUrl = "https://ledger.test/";

    /// <summary>The same services the app registers for its ledger features.</summary>
    public static void AddLedgerServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddOptions();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicUrl"] = PublicUrl }).Build();
        services.AddBooks(configuration).AddAccounts().AddTransactions().AddReconciliations().AddAttachments(configuration).AddImport()
            .AddReports().AddRates().AddSchedules(configuration).AddExport().AddMail(configuration).AddAdmin();
        // Keys in memory: a test's cursors need not outlive it, and nothing is written to the home folder.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped<BlazorLedger.Features.Api.ApiTokenService>().AddSingleton<BlazorLedger.Features.Api.ActiveTokenQuery>();
        services.AddUserCultures();
        services.AddScoped<BlazorLedger.Features.Users.UserDeletionService>();
        // Admin commands on users go through Identity's user manager, over the same store the app uses.
        services.AddIdentityCore<ApplicationUser>().AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LedgerDbContext>().AddUserManager<LedgerUserManager>().AddDefaultTokenProviders();
    }

    public async Task<LedgerDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();

    /// <summary>A user with their personal book, as sign-up makes them.</summary>
    public async Task<TestUser> CreateUserAsync(string name = "alice")
    {
        var user = new ApplicationUser
        {
            UserName = $"{name}@example.com",
            NormalizedUserName = $"{name}@example.com".ToUpperInvariant(),
            Email = $"{name}@example.com",
            NormalizedEmail = $"{name}@example.com".ToUpperInvariant(),
            DisplayName = name,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        await using var db = await DbAsync();
        db.Users.Add(user);
        var book = Books.AddPersonalBook(db, user.Id, name).Value!;
        await db.SaveChangesAsync();
        return new TestUser(new Actor(user.Id), user.Id, book.Id);
    }

    public async Task MakeAdminAsync(TestUser user)
    {
        await using var db = await DbAsync();
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == "Admin");
        if (role is null)
        {
            role = new Microsoft.AspNetCore.Identity.IdentityRole("Admin") { NormalizedName = "ADMIN" };
            db.Roles.Add(role);
        }
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { RoleId = role.Id, UserId = user.UserId });
        await db.SaveChangesAsync();
    }

    public async Task AddMemberAsync(Guid bookId, TestUser user, BookRole role)
    {
        await using var db = await DbAsync();
        db.BookMembers.Add(new BookMember { BookId = bookId, UserId = user.UserId, Role = role, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public async Task<Guid> CreateAccountAsync(TestUser owner, string name, AccountType type = AccountType.Asset, string currency = "USD",
        Guid? bookId = null)
    {
        var result = await Accounts.CreateAsync(owner.Actor, new CreateAccount(bookId ?? owner.BookId, name, null, type, currency));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!.Id;
    }

    public async Task<TransactionDto> TransferAsync(TestUser user, Guid from, Guid to, long amount, DateOnly? date = null,
        string description = "Transfer", Guid? bookId = null)
    {
        var result = await Postings.PostAsync(user.Actor, new PostTransaction(bookId ?? user.BookId,
            date ?? DateOnly.FromDateTime(DateTime.UtcNow), description, null, [new PostingLine(to, amount), new PostingLine(from, -amount)]));
        Assert.True(result.Succeeded, result.Message + " " + string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return result.Value!;
    }

    /// <summary>Counts of every ledger table, to prove that a refused request wrote nothing.</summary>
    public async Task<(int Transactions, int Postings, int Audit, long BalanceSum)> SnapshotAsync()
    {
        await using var db = await DbAsync();
        return (await db.Transactions.CountAsync(), await db.Postings.CountAsync(), await db.AuditEvents.CountAsync(),
            await db.Accounts.SumAsync(a => a.Balance));
    }

    /// <summary>
    /// The ledger's invariants, over every book: each account's stored balance is the sum of its postings, and each
    /// transaction's postings sum to zero in each currency, and each account's days (<see cref="AccountDay"/>) add its postings up by date.
    /// </summary>
    public async Task AssertInvariantsAsync()
    {
        await using var db = await DbAsync();
        await AssertInvariantsAsync(db);
    }

    /// <inheritdoc cref="AssertInvariantsAsync()"/>
    public static async Task AssertInvariantsAsync(LedgerDbContext db)
    {
        var sums = await db.Postings.GroupBy(p => p.AccountId).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum);
        foreach (var account in await db.Accounts.Select(a => new { a.Id, a.Name, a.Balance }).ToListAsync())
        {
            Assert.True(account.Balance == sums.GetValueOrDefault(account.Id),
                $"{account.Name}: stored balance {account.Balance}, postings sum to {sums.GetValueOrDefault(account.Id)}.");
        }
        // The days reports read: each account's net change per posting date.
        var days = await db.AccountDays.Where(d => d.Amount != 0).Select(d => new { d.AccountId, d.Date, d.Amount }).ToListAsync();
        var postingDays = await db.Postings.GroupBy(p => new { p.AccountId, p.Date }).Select(g => new { g.Key.AccountId, g.Key.Date, Amount = g.Sum(p => p.Amount) })
            .Where(d => d.Amount != 0).ToListAsync();
        Assert.Equal(postingDays.OrderBy(d => d.AccountId).ThenBy(d => d.Date), days.OrderBy(d => d.AccountId).ThenBy(d => d.Date));
        var unbalanced = await db.Postings.GroupBy(p => new { p.TransactionId, p.Account!.Currency })
            .Where(g => g.Sum(p => p.Amount) != 0).Select(g => g.Key.TransactionId).ToListAsync();
        Assert.Empty(unbalanced);
    }

    public async Task<long> BalanceAsync(Guid accountId)
    {
        await using var db = await DbAsync();
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Balance).SingleAsync();
    }

    public ValueTask DisposeAsync() => cleanUp();
}
