using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorLedger.Tests.Admin;

public abstract class DashboardTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now.AddDays(-10));
    private TestLedger ledger = default!;
    private TestUser admin = default!, alice = default!, bob = default!;

    private DashboardService Dashboard => ledger.Services.GetRequiredService<DashboardService>();

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, configure: s => s.AddSingleton<TimeProvider>(clock));
        admin = await ledger.CreateUserAsync("admin");
        alice = await ledger.CreateUserAsync("alice");
        bob = await ledger.CreateUserAsync("bob");
        await ledger.MakeAdminAsync(admin);
        await using (var db = await ledger.DbAsync())
        {
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, Now.UtcDateTime.AddDays(-12)));
            await db.Users.Where(u => u.Id == alice.UserId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LastSignInAt, Now.UtcDateTime.AddDays(-2))
                .SetProperty(u => u.LockoutEnd, Now.AddYears(1)));
            await db.Users.Where(u => u.Id == bob.UserId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LastSignInAt, Now.UtcDateTime.AddDays(-20))
                .SetProperty(u => u.DisabledAt, Now.UtcDateTime));
        }
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        var yen = await ledger.CreateAccountAsync(bob, "Yen", currency: "JPY");
        var trip = await ledger.CreateAccountAsync(bob, "Trip", AccountType.Expense, "JPY");
        // Ten days ago: two in alice's book; three days ago: one in bob's; today: three in alice's.
        await ledger.TransferAsync(alice, cash, food, 1_00, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await ledger.TransferAsync(alice, cash, food, 2_00, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        clock.SetUtcNow(Now.AddDays(-3));
        await ledger.TransferAsync(bob, yen, trip, 5000, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        clock.SetUtcNow(Now);
        for (var i = 0; i < 3; i++)
        {
            await ledger.TransferAsync(alice, cash, food, 10_00, DateOnly.FromDateTime(Now.UtcDateTime));
        }
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task The_figures_count_users_books_accounts_transactions_and_volume_exactly()
    {
        var figures = (await Dashboard.GetAsync(admin.Actor)).Value!;

        Assert.Equal((3, 1, 1, 1), (figures.Users, figures.ActiveUsers7Days, figures.LockedUsers, figures.DisabledUsers));
        Assert.Equal((3, 4), (figures.Books, figures.Accounts));
        Assert.Equal((3, 4, 6), (figures.TransactionsToday, figures.Transactions7Days, figures.TransactionsTotal));
        Assert.Equal([new CurrencyVolume("JPY", 5000), new CurrencyVolume("USD", 33_00)], figures.Volume30Days);
        Assert.Equal(30, figures.TransactionsPerDay.Count);
        Assert.Equal(3, figures.TransactionsPerDay[^1].Count);
        Assert.Equal(1, figures.TransactionsPerDay[^4].Count);
        Assert.Equal(2, figures.TransactionsPerDay[^11].Count);
        Assert.Equal(6, figures.TransactionsPerDay.Sum(d => d.Count));
        Assert.Equal(3, figures.NewUsersPerWeek.Sum(w => w.Count));
        Assert.Equal([new BusyBook("alice's book", 5), new BusyBook("bob's book", 1)], figures.BusiestBooks);
        Assert.Equal(this is IOnPostgres ? "PostgreSQL" : "Sqlite", figures.DatabaseProvider);
        Assert.True(figures.DatabaseBytes > 0);
    }

    [DbFact]
    public async Task Members_are_refused()
    {
        Assert.Equal(ResultStatus.Forbidden, (await Dashboard.GetAsync(alice.Actor)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Services.GetRequiredService<AuditLogService>().SearchAsync(alice.Actor, new AuditQuery())).Status);
    }

    [DbFact]
    public async Task The_audit_log_hides_the_contents_of_books_the_admin_is_not_in_and_exports_csv()
    {
        var audit = ledger.Services.GetRequiredService<AuditLogService>();

        var entries = (await audit.SearchAsync(admin.Actor, new AuditQuery(Action: "account.created"))).Value!.Items;

        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal(AuditLogService.OtherBook, e.BookName));
        Assert.All(entries, e => Assert.Null(e.Details));
        Assert.DoesNotContain(entries, e => e.EntityId.Length > 0);
        var csv = new StringWriter();
        var exported = await audit.ExportCsvAsync(admin.Actor, new AuditQuery(User: "alice"), csv);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(exported.Value + 1, lines.Length);
        Assert.StartsWith("Id,At,UserId,User,Action", lines[0]);
        Assert.DoesNotContain("Cash", csv.ToString());
    }

    [DbFact]
    public async Task The_audit_log_pages_without_gaps_and_filters_by_date()
    {
        var audit = ledger.Services.GetRequiredService<AuditLogService>();
        var all = (await audit.SearchAsync(admin.Actor, new AuditQuery(Limit: 500))).Value!.Items;

        var paged = new List<AuditEntry>();
        string? cursor = null;
        do
        {
            var page = (await audit.SearchAsync(admin.Actor, new AuditQuery(Limit: 4, Cursor: cursor))).Value!;
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var today = await audit.SearchAsync(admin.Actor, new AuditQuery(From: DateOnly.FromDateTime(Now.UtcDateTime), Limit: 500));

        Assert.Equal(all.Select(e => e.Id), paged.Select(e => e.Id));
        Assert.Equal(3, today.Value!.Items.Count(e => e.Action == "transaction.posted"));
    }
}

public sealed class DashboardTestsOnSqlite : DashboardTests;

public sealed class DashboardTestsOnPostgres : DashboardTests, IOnPostgres;
