using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorLedger.Tests.Import;

/// <summary>
/// Statement rows that stand for scheduled transactions: linked to the occurrence the schedule posted, or posted instead of
/// the occurrence it has not posted yet; exactly one transaction either way, under re-import and with the runner at once.
/// </summary>
public abstract class ScheduleMatchingTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero));
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, rent, groceries;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true, configure: s => s.AddSingleton<TimeProvider>(clock));
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private ScheduleService NewSchedules() => ledger.Services.CreateScope().ServiceProvider.GetRequiredService<ScheduleService>();

    private ImportService NewImports() => ledger.Services.CreateScope().ServiceProvider.GetRequiredService<ImportService>();

    private async Task<ScheduleDto> ScheduleAsync(string description, DateOnly start, long amount)
    {
        var result = await NewSchedules().CreateAsync(alice.Actor, new CreateSchedule(alice.BookId, description, "Landlord",
            [new PostingLine(rent, amount), new PostingLine(checking, -amount)], new Recurrence(start, ScheduleUnit.Month, 1)));
        Assert.True(result.Status == ResultStatus.Created, result.Message);
        return result.Value!;
    }

    private static byte[] Csv(params string[] rows) =>
        Encoding.UTF8.GetBytes("Date,Description,Payee,Amount\n" + string.Join("\n", rows) + "\n");

    private async Task<ImportPreview> PreviewAsync(byte[] file)
    {
        var result = await NewImports().PreviewAsync(alice.Actor, new PreviewImport(alice.BookId, checking, file));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    /// <summary>What the page sends: every new row against its proposed account (else groceries), and the matched rows.</summary>
    private ImportStatement Command(ImportPreview preview)
    {
        var choices = new ImportChoices(preview);
        choices.ChooseForUnassigned(groceries);
        return choices.ToCommand(alice.BookId, "statement.csv");
    }

    private async Task<ImportOutcome> ImportAsync(ImportPreview preview)
    {
        var result = await NewImports().ImportAsync(alice.Actor, Command(preview));
        Assert.True(result.Succeeded, result.Message + " " + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    private async Task<List<Transaction>> TransactionsAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.Transactions.Include(t => t.Postings).Where(t => t.BookId == alice.BookId).OrderBy(t => t.Number).ToListAsync();
    }

    [DbFact]
    public async Task A_row_for_an_occurrence_the_schedule_posted_is_linked_to_it_and_importing_again_posts_nothing()
    {
        var schedule = await ScheduleAsync("Rent", new DateOnly(2026, 4, 1), 800_00);
        Assert.Equal(3, (await NewSchedules().PostDueAsync()).Posted);
        var june = (await TransactionsAsync()).Single(t => t.Date == new DateOnly(2026, 6, 1));
        var file = Csv("2026-06-03,Standing order,Landlord,-800.00", "2026-06-04,Card payment,Corner shop,-12.50");

        var preview = await PreviewAsync(file);

        var linked = preview.Rows.Single(r => r.Line == 2);
        Assert.Equal(PreviewRowState.Matched, linked.State);
        Assert.Equal((schedule.Id, new DateOnly(2026, 6, 1), june.Id, june.Number),
            (linked.Schedule!.ScheduleId, linked.Schedule.Date, linked.Schedule.TransactionId, linked.Schedule.TransactionNumber));
        Assert.Equal(PreviewRowState.New, preview.Rows.Single(r => r.Line == 3).State);
        Assert.Null(preview.Rows.Single(r => r.Line == 3).Schedule);

        var outcome = await ImportAsync(preview);

        Assert.Equal((1, 1, 0), (outcome.Imported, outcome.Linked, outcome.Matched));
        Assert.Equal(4, (await TransactionsAsync()).Count);
        await using (var db = await ledger.DbAsync())
        {
            Assert.Equal(june.Id, await db.ImportedRows.Where(r => r.Fingerprint == linked.Row!.Fingerprint).Select(r => r.TransactionId).SingleAsync());
        }
        var again = await PreviewAsync(file);
        Assert.All(again.Rows, r => Assert.Equal(PreviewRowState.Duplicate, r.State));
        Assert.Equal(june.Id, again.Rows.Single(r => r.Line == 2).DuplicateOfId);
        Assert.Equal(-2_412_50, await ledger.BalanceAsync(checking));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_row_for_an_occurrence_not_yet_posted_is_posted_instead_and_the_schedule_leaves_that_occurrence_out()
    {
        var schedule = await ScheduleAsync("Rent", new DateOnly(2026, 6, 18), 800_00);
        var file = Csv("2026-06-15,Standing order,Landlord,-812.00");

        var preview = await PreviewAsync(file);

        var row = Assert.Single(preview.Rows);
        Assert.Equal(PreviewRowState.New, row.State);
        Assert.Equal((schedule.Id, new DateOnly(2026, 6, 18), (Guid?)null), (row.Schedule!.ScheduleId, row.Schedule.Date, row.Schedule.TransactionId));
        Assert.Equal((rent, SuggestionSource.Schedule), (row.Suggestion!.AccountId, row.Suggestion.Source));

        var outcome = await ImportAsync(preview);

        Assert.Equal((1, 0, 1), (outcome.Imported, outcome.Linked, outcome.Matched));
        var upcoming = (await NewSchedules().UpcomingAsync(alice.Actor, alice.BookId, days: 60)).Value!;
        Assert.Equal([new DateOnly(2026, 7, 18)], upcoming.Select(o => o.Date));
        clock.SetUtcNow(new DateTimeOffset(2026, 7, 20, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await NewSchedules().PostDueAsync()).Posted);

        var transactions = await TransactionsAsync();
        Assert.Equal([new DateOnly(2026, 6, 15), new DateOnly(2026, 7, 18)], transactions.Select(t => t.Date));
        Assert.Equal(-1_612_00, await ledger.BalanceAsync(checking));
        await using (var db = await ledger.DbAsync())
        {
            var matched = await db.MatchedOccurrences.SingleAsync();
            Assert.Equal((schedule.Id, new DateOnly(2026, 6, 18), transactions[0].Id), (matched.ScheduleId, matched.Date, matched.TransactionId));
            Assert.Equal(2, (await db.Schedules.SingleAsync()).NextIndex);
        }
        Assert.All((await PreviewAsync(file)).Rows, r => Assert.Equal(PreviewRowState.Duplicate, r.State));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Outside_the_window_or_the_tolerance_or_for_another_account_a_row_is_a_transaction_of_its_own()
    {
        await ScheduleAsync("Rent", new DateOnly(2026, 5, 1), 800_00);
        await NewSchedules().PostDueAsync();

        var preview = await PreviewAsync(Csv(
            "2026-06-07,Rent a week late,Landlord,-800.00",
            "2026-05-02,Rent a cent short,Landlord,-799.99",
            "2026-06-20,Rent too much,Landlord,-841.00",
            "2026-06-29,Rent in time,Landlord,-760.00"));

        Assert.Equal([(2, false), (3, false), (4, false), (5, true)], preview.Rows.Select(r => (r.Line, r.Schedule is not null)));
        Assert.All(preview.Rows, r => Assert.Equal(PreviewRowState.New, r.State));
        Assert.Equal(new DateOnly(2026, 7, 1), preview.Rows.Single(r => r.Line == 5).Schedule!.Date);
    }

    [DbFact]
    public async Task An_import_and_the_runner_at_once_leave_one_transaction_for_the_occurrence()
    {
        for (var round = 0; round < 3; round++)
        {
            var amount = 100_00 + round;
            var schedule = await ScheduleAsync($"Bill {round}", Today.AddDays(-round), amount);
            var preview = await PreviewAsync(Csv($"2026-06-15,Bill {round},Utility,-{amount / 100}.{amount % 100:00}"));
            Assert.Equal((schedule.Id, (Guid?)null), (preview.Rows.Single().Schedule!.ScheduleId, preview.Rows.Single().Schedule!.TransactionId));
            var command = Command(preview);

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var import = Task.Run(async () => { await start.Task; return await NewImports().ImportAsync(alice.Actor, command); });
            var run = Task.Run(async () => { await start.Task; return await NewSchedules().PostDueAsync(); });
            start.SetResult();
            var (imported, ran) = (await import, await run);

            Assert.True(imported.Succeeded, imported.Message);
            await using var db = await ledger.DbAsync();
            var key = ScheduleService.KeyFor(schedule.Id, schedule.StartDate);
            var byRunner = await db.Transactions.CountAsync(t => t.IdempotencyKey == key);
            var byImport = await db.MatchedOccurrences.CountAsync(m => m.ScheduleId == schedule.Id);
            Assert.Equal(1, byRunner + byImport);
            Assert.Equal(byRunner, ran.Posted);
            Assert.Equal((byImport, byRunner), (imported.Value!.Imported, imported.Value.Linked));
            var fingerprint = preview.Rows.Single().Row!.Fingerprint;
            var row = await db.ImportedRows.SingleAsync(r => r.Fingerprint == fingerprint);
            var transaction = await db.Transactions.SingleAsync(t => t.Id == row.TransactionId);
            Assert.Equal(byRunner == 1 ? key : null, transaction.IdempotencyKey);
        }

        Assert.Equal(3, (await TransactionsAsync()).Count);
        Assert.Equal(0, (await NewSchedules().PostDueAsync()).Posted);
        Assert.Equal(3, (await TransactionsAsync()).Count);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Undoing_the_import_frees_the_occurrence_for_the_next_import_of_the_row()
    {
        await ScheduleAsync("Rent", new DateOnly(2026, 6, 18), 800_00);
        var file = Csv("2026-06-15,Standing order,Landlord,-800.00");
        var first = await ImportAsync(await PreviewAsync(file));

        var undone = await NewImports().UndoAsync(alice.Actor, alice.BookId, first.ImportId!.Value);

        Assert.True(undone.Succeeded, undone.Message);
        await using (var db = await ledger.DbAsync())
        {
            Assert.Empty(await db.MatchedOccurrences.ToListAsync());
        }
        var again = await PreviewAsync(file);
        var row = Assert.Single(again.Rows);
        Assert.Equal((PreviewRowState.New, new DateOnly(2026, 6, 18)), (row.State, row.Schedule!.Date));
        var second = await ImportAsync(again);
        Assert.Equal((1, 1), (second.Imported, second.Matched));
        clock.SetUtcNow(new DateTimeOffset(2026, 6, 20, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await NewSchedules().PostDueAsync()).Posted);
        // The first import, its void and the second import: the occurrence itself never posted.
        Assert.Equal(3, (await TransactionsAsync()).Count);
        Assert.Equal(-800_00, await ledger.BalanceAsync(checking));
        await ledger.AssertInvariantsAsync();
    }
}

public sealed class ScheduleMatchingTestsOnSqlite : ScheduleMatchingTests;

public sealed class ScheduleMatchingTestsOnPostgres : ScheduleMatchingTests, IOnPostgres;
