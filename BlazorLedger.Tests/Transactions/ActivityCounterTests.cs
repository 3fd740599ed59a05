using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

/// <summary>
/// The day's activity counters that posting keeps for the admin figures: one row per book slot, so that on PostgreSQL a
/// post never waits for an uncommitted post to a book of another slot, and the figures add the slots up.
/// </summary>
public abstract class ActivityCounterTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!, carol = default!;
    private Guid aliceCash, aliceFood, carolCash, carolFood;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private protected TestLedger Ledger => ledger;
    protected TestUser Alice => alice;
    protected TestUser Carol => carol;
    protected (Guid Cash, Guid Food) AliceAccounts => (aliceCash, aliceFood);
    protected (Guid Cash, Guid Food) CarolAccounts => (carolCash, carolFood);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        // Carol's book is counted in another slot than alice's (one book in 64 shares a slot; try the next user then).
        for (var i = 0; carol is null || DailyActivity.SlotOf(carol.BookId) == DailyActivity.SlotOf(alice.BookId); i++)
        {
            carol = await ledger.CreateUserAsync($"carol{i}");
        }
        (aliceCash, aliceFood) = (await ledger.CreateAccountAsync(alice, "Cash"), await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense));
        (carolCash, carolFood) = (await ledger.CreateAccountAsync(carol, "Cash"), await ledger.CreateAccountAsync(carol, "Food", AccountType.Expense));
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task Posts_to_books_of_two_slots_are_counted_in_two_rows_that_the_admin_figures_add_up()
    {
        var admin = await ledger.CreateUserAsync("admin");
        await ledger.MakeAdminAsync(admin);

        await ledger.TransferAsync(alice, aliceCash, aliceFood, 1_00, Today);
        await ledger.TransferAsync(alice, aliceCash, aliceFood, 2_00, Today);
        await ledger.TransferAsync(carol, carolCash, carolFood, 4_00, Today);

        await using var db = await ledger.DbAsync();
        var rows = await db.DailyActivity.Where(a => a.Currency == DailyActivity.AllCurrencies).OrderBy(a => a.Slot)
            .Select(a => new { a.Slot, a.Transactions }).ToListAsync();
        Assert.Equal(
            new[] { new { Slot = DailyActivity.SlotOf(alice.BookId), Transactions = 2L }, new { Slot = DailyActivity.SlotOf(carol.BookId), Transactions = 1L } }
                .OrderBy(r => r.Slot),
            rows);
        var figures = (await ledger.Services.GetRequiredService<DashboardService>().GetAsync(admin.Actor)).Value!;
        Assert.Equal((3, 3), (figures.TransactionsToday, figures.Transactions7Days));
        Assert.Equal([new CurrencyVolume("USD", 7_00)], figures.Volume30Days);
        Assert.Equal(3, figures.TransactionsPerDay[^1].Count);
    }

    [DbFact]
    public async Task A_days_volume_beyond_64_bits_stops_at_the_largest_figure_and_never_fails_a_post()
    {
        var admin = await ledger.CreateUserAsync("admin");
        await ledger.MakeAdminAsync(admin);
        var vault = await ledger.CreateAccountAsync(alice, "Vault");
        var (windfall, prize) = (await ledger.CreateAccountAsync(alice, "Windfall", AccountType.Income),
            await ledger.CreateAccountAsync(alice, "Prize", AccountType.Income));

        // 190 posts of 5 * 10^16 each: every balance fits, the day's volume (9.5 * 10^18) does not.
        foreach (var (asset, income) in new[] { (aliceCash, windfall), (vault, prize) })
        {
            for (var i = 0; i < 95; i++)
            {
                var result = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Today, "Huge", null,
                    [.. Enumerable.Repeat(new PostingLine(asset, Money.MaxPostingMinor), 50), .. Enumerable.Repeat(new PostingLine(income, -Money.MaxPostingMinor), 50)]));
                Assert.True(result.Succeeded, result.Message);
            }
        }
        await ledger.TransferAsync(carol, carolCash, carolFood, 4_00, Today);

        await using var db = await ledger.DbAsync();
        Assert.Equal(long.MaxValue, await db.DailyActivity.Where(a => a.Currency == "USD" && a.Slot == DailyActivity.SlotOf(alice.BookId))
            .Select(a => a.Volume).SingleAsync());
        var figures = (await ledger.Services.GetRequiredService<DashboardService>().GetAsync(admin.Actor)).Value!;
        Assert.Equal([new CurrencyVolume("USD", long.MaxValue)], figures.Volume30Days);
        Assert.Equal(191, figures.TransactionsToday);
    }
}

public sealed class ActivityCounterTestsOnSqlite : ActivityCounterTests;

public sealed class ActivityCounterTestsOnPostgres : ActivityCounterTests, IOnPostgres
{
    /// <summary>
    /// Alice's post is written but not committed, so it holds whatever rows a post holds until it commits; a post to carol's
    /// book must not wait for it. (On SQLite every write waits for an open one: the database has one writer.)
    /// </summary>
    [DbFact]
    public async Task A_post_does_not_wait_for_an_open_post_to_a_book_of_another_slot()
    {
        var (aliceCash, aliceFood) = AliceAccounts;
        var now = DateTime.UtcNow;
        await using var open = await Ledger.DbAsync();
        await using var openPost = await open.BeginWriteTransactionAsync(CancellationToken.None);
        var context = await PostingStore.ReadAsync(open, Alice.UserId, Alice.BookId, null, [aliceCash, aliceFood], CancellationToken.None);
        var transaction = new Transaction
        {
            BookId = Alice.BookId, Number = context.Number!.Value, Date = DateOnly.FromDateTime(now), Description = "Open", CreatedById = Alice.UserId,
            CreatedAt = now,
        };
        transaction.Postings.AddRange([
            new Posting { TransactionId = transaction.Id, AccountId = aliceFood, Date = transaction.Date, Amount = 1_00 },
            new Posting { TransactionId = transaction.Id, AccountId = aliceCash, Date = transaction.Date, Amount = -1_00 }]);
        var audit = AuditExtensions.Create(now, Alice.UserId, Alice.BookId, AuditActions.TransactionPosted, nameof(Transaction), transaction.Id, new { });
        Assert.True(await PostingStore.WriteAsync(open, transaction, audit, _ => "USD", CancellationToken.None));

        // Were a row shared, carol's post would wait until alice's ends, which happens only after this.
        var (cash, food) = CarolAccounts;
        var posted = await Ledger.Postings.PostAsync(Carol.Actor, new PostTransaction(Carol.BookId, DateOnly.FromDateTime(now), "Lunch", null,
            [new PostingLine(food, 5_00), new PostingLine(cash, -5_00)])).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ResultStatus.Created, posted.Status);
    }
}
