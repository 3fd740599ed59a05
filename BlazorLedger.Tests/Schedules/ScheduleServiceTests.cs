using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorLedger.Tests.Schedules;

/// <summary>
/// Scheduled transactions post each occurrence exactly once, whoever runs them and however often: two runners at once, a
/// runner that stopped between a post and moving the schedule on, a person posting one early. Refusals stop a schedule with
/// the reason instead of retrying forever.
/// </summary>
public abstract class ScheduleServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero));
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking;
    private Guid rent;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true, configure: s => s.AddSingleton<TimeProvider>(clock));
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private ScheduleService NewService() => ledger.Services.CreateScope().ServiceProvider.GetRequiredService<ScheduleService>();

    private async Task<ScheduleDto> CreateAsync(Recurrence recurrence, long amount = 800_00, TestUser? maker = null, Guid? bookId = null)
    {
        var result = await NewService().CreateAsync((maker ?? alice).Actor, new CreateSchedule(bookId ?? alice.BookId, "Rent", "Landlord",
            [new PostingLine(rent, amount), new PostingLine(checking, -amount)], recurrence));
        Assert.True(result.Status == ResultStatus.Created, result.Message);
        return result.Value!;
    }

    private async Task<List<Transaction>> PostedAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.Transactions.Include(t => t.Postings).Where(t => t.BookId == alice.BookId).OrderBy(t => t.Date).ToListAsync();
    }

    private async Task<Schedule> StoredAsync(Guid id)
    {
        await using var db = await ledger.DbAsync();
        return await db.Schedules.SingleAsync(s => s.Id == id);
    }

    [DbFact]
    public async Task Due_occurrences_post_once_in_the_makers_name_and_running_again_posts_nothing()
    {
        var schedule = await CreateAsync(new Recurrence(new DateOnly(2026, 4, 1), ScheduleUnit.Month, 1));
        Assert.Equal(new DateOnly(2026, 4, 1), schedule.NextDate);

        var first = await NewService().PostDueAsync();
        var second = await NewService().PostDueAsync();

        Assert.Equal(new ScheduleRun(3, 0, 0), first);
        Assert.Equal(new ScheduleRun(0, 0, 0), second);
        var posted = await PostedAsync();
        Assert.Equal([new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1)], posted.Select(t => t.Date));
        Assert.All(posted, t => Assert.Equal((alice.UserId, "Rent", "Landlord"), (t.CreatedById, t.Description, t.Payee)));
        Assert.Equal(ScheduleService.KeyFor(schedule.Id, new DateOnly(2026, 5, 1)), posted[1].IdempotencyKey);
        Assert.Equal(-2_400_00, await ledger.BalanceAsync(checking));
        Assert.Equal((3, new DateOnly(2026, 7, 1)), ((await StoredAsync(schedule.Id)).NextIndex,
            (await NewService().ListAsync(alice.Actor, alice.BookId)).Value!.Single().NextDate));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Two_runners_at_once_post_each_occurrence_once()
    {
        await CreateAsync(new Recurrence(new DateOnly(2026, 5, 16), ScheduleUnit.Day, 1));
        await CreateAsync(new Recurrence(new DateOnly(2026, 1, 15), ScheduleUnit.Week, 1), amount: 5_00);

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => NewService().PostDueAsync())));

        var posted = await PostedAsync();
        Assert.Equal(31 + 22, posted.Count);
        Assert.Equal(posted.Count, posted.Select(t => t.IdempotencyKey).Distinct().Count());
        Assert.Equal(31 + 22, runs.Sum(r => r.Posted));
        Assert.Equal(-(31 * 800_00 + 22 * 5_00), await ledger.BalanceAsync(checking));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_runner_stopped_between_a_post_and_moving_on_finds_the_post_and_does_not_repeat_it()
    {
        var schedule = await CreateAsync(new Recurrence(new DateOnly(2026, 6, 1), ScheduleUnit.Week, 1));
        // What the runner had done when it stopped: the first occurrence posted, the schedule not yet moved past it.
        var crashed = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, new DateOnly(2026, 6, 1), "Rent", "Landlord",
            [new PostingLine(rent, 800_00), new PostingLine(checking, -800_00)], ScheduleService.KeyFor(schedule.Id, new DateOnly(2026, 6, 1))));
        Assert.Equal(ResultStatus.Created, crashed.Status);

        var run = await NewService().PostDueAsync();

        Assert.Equal(new ScheduleRun(2, 1, 0), run);
        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 15)], (await PostedAsync()).Select(t => t.Date));
        Assert.Equal(3, (await StoredAsync(schedule.Id)).NextIndex);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_skipped_occurrence_is_never_posted_and_one_posted_early_is_not_posted_again()
    {
        var schedule = await CreateAsync(new Recurrence(new DateOnly(2026, 6, 10), ScheduleUnit.Week, 1));
        var skipped = await NewService().SkipAsync(alice.Actor, alice.BookId, schedule.Id, schedule.Version);
        Assert.Equal(new DateOnly(2026, 6, 17), skipped.Value!.NextDate);
        var stale = await NewService().SkipAsync(alice.Actor, alice.BookId, schedule.Id, schedule.Version);
        Assert.Equal(ResultStatus.Conflict, stale.Status);

        var early = await NewService().PostNextNowAsync(alice.Actor, alice.BookId, schedule.Id);
        Assert.Equal((ResultStatus.Created, Today), (early.Status, early.Value!.Date));
        clock.Advance(TimeSpan.FromDays(10));
        var run = await NewService().PostDueAsync();

        Assert.Equal(new ScheduleRun(1, 0, 0), run);
        Assert.Equal([Today, new DateOnly(2026, 6, 24)], (await PostedAsync()).Select(t => t.Date));
        await using var db = await ledger.DbAsync();
        var audit = await db.AuditEvents.Where(a => a.EntityId == schedule.Id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(new[] { AuditActions.ScheduleCreated, AuditActions.ScheduleSkipped, AuditActions.SchedulePostedEarly }.Order(), audit.Order());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_refused_occurrence_stops_the_schedule_with_the_reason_until_someone_resumes_it()
    {
        var schedule = await CreateAsync(new Recurrence(new DateOnly(2026, 6, 1), ScheduleUnit.Week, 1));
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, rent, archived: true)).Succeeded);

        var refused = await NewService().PostDueAsync();
        var again = await NewService().PostDueAsync();

        Assert.Equal(new ScheduleRun(0, 0, 1), refused);
        Assert.Equal(new ScheduleRun(0, 0, 0), again);
        var stopped = (await NewService().ListAsync(alice.Actor, alice.BookId)).Value!.Single();
        Assert.Contains("2026-06-01", stopped.Problem);
        Assert.Contains("\"Rent\" is archived", stopped.Problem);
        Assert.Empty(await PostedAsync());

        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, rent, archived: false)).Succeeded);
        var resumed = await NewService().ResumeAsync(alice.Actor, alice.BookId, schedule.Id, stopped.Version);
        Assert.Null(resumed.Value!.Problem);
        Assert.Equal(new ScheduleRun(3, 0, 0), await NewService().PostDueAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_occurrence_in_the_closed_period_and_a_maker_who_left_stop_the_schedule_and_say_why()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var bobs = await CreateAsync(new Recurrence(new DateOnly(2026, 6, 14), ScheduleUnit.Month, 1), maker: bob);
        var alices = await CreateAsync(new Recurrence(new DateOnly(2026, 5, 31), ScheduleUnit.Month, 1, LastDayOfMonth: true));
        Assert.True((await ledger.Books.SetLockDateAsync(alice.Actor, alice.BookId, new DateOnly(2026, 5, 31))).Succeeded);
        Assert.True((await ledger.Services.GetRequiredService<MembershipService>().RemoveAsync(bob.Actor, alice.BookId, bob.UserId)).Succeeded);

        Assert.Equal(new ScheduleRun(0, 0, 2), await NewService().PostDueAsync());

        var list = (await NewService().ListAsync(alice.Actor, alice.BookId)).Value!.ToDictionary(s => s.Id);
        Assert.Contains("lock date, 2026-05-31", list[alices.Id].Problem);
        Assert.Contains("no longer post", list[bobs.Id].Problem);
        Assert.Empty(await PostedAsync());
    }

    [DbFact]
    public async Task Only_editors_make_schedules_of_their_own_books_accounts_that_balance()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Viewer);
        var bobsCash = await ledger.CreateAccountAsync(bob, "Bob's cash");
        var service = NewService();
        var weekly = new Recurrence(Today, ScheduleUnit.Week, 1);

        var viewer = await service.CreateAsync(bob.Actor, new CreateSchedule(alice.BookId, "Rent", null,
            [new PostingLine(rent, 1_00), new PostingLine(checking, -1_00)], weekly));
        var foreign = await service.CreateAsync(alice.Actor, new CreateSchedule(alice.BookId, "Rent", null,
            [new PostingLine(rent, 1_00), new PostingLine(bobsCash, -1_00)], weekly));
        var unbalanced = await service.CreateAsync(alice.Actor, new CreateSchedule(alice.BookId, "Rent", null,
            [new PostingLine(rent, 1_00), new PostingLine(checking, -2_00)], weekly));
        var badRecurrence = await service.CreateAsync(alice.Actor, new CreateSchedule(alice.BookId, " ", null,
            [new PostingLine(rent, 1_00), new PostingLine(checking, -1_00)], weekly with { Every = 0 }));
        var carol = await ledger.CreateUserAsync("carol");
        var outsider = await service.ListAsync(carol.Actor, alice.BookId);

        Assert.Equal(ResultStatus.Forbidden, viewer.Status);
        Assert.Contains("does not exist in this book", foreign.Errors["Postings[1].AccountId"].Single());
        Assert.Contains("do not balance", unbalanced.Errors["Postings"].Single());
        Assert.Equal(["Description", "Every"], badRecurrence.Errors.Keys.Order());
        Assert.Equal(ResultStatus.NotFound, outsider.Status);
        await using var db = await ledger.DbAsync();
        Assert.Equal(0, await db.Schedules.CountAsync());
    }

    [DbFact]
    public async Task Upcoming_lists_the_next_30_days_in_date_order_with_each_accounts_projected_balance()
    {
        await ledger.TransferAsync(alice, rent, checking, 2_000_00, new DateOnly(2026, 6, 1));
        var salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        await CreateAsync(new Recurrence(new DateOnly(2026, 7, 1), ScheduleUnit.Month, 1));
        var pay = await NewService().CreateAsync(alice.Actor, new CreateSchedule(alice.BookId, "Pay", null,
            [new PostingLine(checking, 1_500_00), new PostingLine(salary, -1_500_00)], new Recurrence(new DateOnly(2026, 6, 30), ScheduleUnit.Month, 1, LastDayOfMonth: true)));
        Assert.Equal(ResultStatus.Created, pay.Status);

        var upcoming = (await NewService().UpcomingAsync(alice.Actor, alice.BookId)).Value!;

        Assert.Equal([(new DateOnly(2026, 6, 30), "Pay"), (new DateOnly(2026, 7, 1), "Rent")], upcoming.Select(o => (o.Date, o.Description)));
        Assert.Equal(2_000_00 + 1_500_00, upcoming[0].Lines.Single(l => l.AccountId == checking).BalanceAfter);
        Assert.Equal(2_000_00 + 1_500_00 - 800_00, upcoming[1].Lines.Single(l => l.AccountId == checking).BalanceAfter);
        Assert.Equal(-2_000_00 + 800_00, upcoming[1].Lines.Single(l => l.AccountId == rent).BalanceAfter);
        Assert.Single(await PostedAsync());
    }
}

public sealed class ScheduleServiceTestsOnSqlite : ScheduleServiceTests;

public sealed class ScheduleServiceTestsOnPostgres : ScheduleServiceTests, IOnPostgres;
