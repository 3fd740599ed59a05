using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Books;

/// <summary>
/// A book's lock date closes every day up to it: no write path posts, corrects or amends anything dated there, a void
/// reverses on the first open day, and the closed period's reports stay as they were. On both providers.
/// </summary>
public abstract class LockDateTests : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    // The closed period: the month two months back, and everything before it.
    private static readonly DateOnly Locked = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1).AddDays(-1);
    private static readonly DateOnly MonthStart = new(Locked.Year, Locked.Month, 1);
    private static readonly DateOnly Old = Locked.AddDays(-5);
    private static readonly DateOnly FirstOpen = Locked.AddDays(1);

    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, groceries, salary;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private PostTransaction Spend(DateOnly date, long amount = 12_00, string? key = null) =>
        new(alice.BookId, date, $"Groceries {amount}", "Market", [new PostingLine(groceries, amount), new PostingLine(checking, -amount)], key);

    private async Task LockAsync(DateOnly? date)
    {
        var result = await ledger.Books.SetLockDateAsync(alice.Actor, alice.BookId, date);
        Assert.True(result.Succeeded, result.Message);
    }

    private async Task<(int Transactions, int Postings, int Audit, long Balances, int Days, int Imports)> StateAsync()
    {
        var (transactions, postings, audit, balances) = await ledger.SnapshotAsync();
        await using var db = await ledger.DbAsync();
        return (transactions, postings, audit, balances, await db.AccountDays.CountAsync(), await db.ImportBatches.CountAsync());
    }

    private static void AssertClosed<T>(Result<T> result, string field, DateOnly date)
    {
        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(Locked, result.ClosedThrough);
        Assert.Contains(Iso(Locked), result.Message);
        Assert.Contains(Iso(date), Assert.Single(result.Errors[field]));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [DbFact]
    public async Task Only_an_owner_sets_moves_or_clears_the_lock_date_and_each_change_is_audited_with_both_dates()
    {
        var editor = await ledger.CreateUserAsync("eddie");
        var viewer = await ledger.CreateUserAsync("vera");
        var outsider = await ledger.CreateUserAsync("olga");
        await ledger.AddMemberAsync(alice.BookId, editor, BookRole.Editor);
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);

        await LockAsync(Locked);
        Assert.Equal(Locked, (await ledger.Books.GetLockDateAsync(viewer.Actor, alice.BookId)).Value);
        Assert.Equal(Locked, (await ledger.Books.GetAsync(viewer.Actor, alice.BookId)).Value!.LockDate);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Books.GetLockDateAsync(outsider.Actor, alice.BookId)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Books.SetLockDateAsync(editor.Actor, alice.BookId, null)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Books.SetLockDateAsync(viewer.Actor, alice.BookId, Locked.AddDays(-10))).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Books.SetLockDateAsync(outsider.Actor, alice.BookId, null)).Status);
        Assert.Equal(ResultStatus.Invalid, (await ledger.Books.SetLockDateAsync(alice.Actor, alice.BookId, Today.AddDays(10))).Status);
        Assert.Equal(Locked, (await ledger.Books.GetLockDateAsync(alice.Actor, alice.BookId)).Value);

        await LockAsync(Locked); // the same date again changes nothing
        await LockAsync(Locked.AddDays(-10));
        await LockAsync(null);
        Assert.Null((await ledger.Books.GetLockDateAsync(editor.Actor, alice.BookId)).Value);

        await using var db = await ledger.DbAsync();
        var changes = (await db.AuditEvents.Where(a => a.Action == AuditActions.BookLockDateChanged).OrderBy(a => a.Id).ToListAsync())
            .Select(a => (a.UserId, a.EntityId, Details: JsonDocument.Parse(a.Details).RootElement)).ToList();
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal((alice.UserId, alice.BookId.ToString()), (c.UserId, c.EntityId)));
        Assert.Equal((null, Iso(Locked), false), Read(changes[0].Details));
        Assert.Equal((Iso(Locked), Iso(Locked.AddDays(-10)), true), Read(changes[1].Details));
        Assert.Equal((Iso(Locked.AddDays(-10)), null, true), Read(changes[2].Details));

        static (string?, string?, bool) Read(JsonElement details) =>
            (details.GetProperty("from").GetString(), details.GetProperty("to").GetString(), details.GetProperty("reopened").GetBoolean());
    }

    [DbFact]
    public async Task A_post_on_or_before_the_lock_date_is_refused_naming_it_and_the_first_open_day_is_posted()
    {
        await LockAsync(Locked);
        var before = await StateAsync();

        AssertClosed(await ledger.Postings.PostAsync(alice.Actor, Spend(Locked)), "Date", Locked);
        AssertClosed(await ledger.Postings.PostAsync(alice.Actor, Spend(Old, key: "old-1")), "Date", Old);
        Assert.Equal(before, await StateAsync());

        var open = await ledger.Postings.PostAsync(alice.Actor, Spend(FirstOpen, key: "old-1"));
        Assert.Equal(ResultStatus.Created, open.Status);
        Assert.Equal(1, open.Value!.Number); // the refused posts gave their numbers back
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_batch_or_an_import_with_one_row_in_the_closed_period_is_refused_whole_naming_the_row()
    {
        await LockAsync(Locked);
        var before = await StateAsync();

        var batch = await ledger.Postings.PostManyAsync(alice.Actor,
            new PostMany(alice.BookId, [Spend(FirstOpen, key: "b-1"), Spend(Old, key: "b-2"), Spend(Today, key: "b-3")]));
        AssertClosed(batch, "Transactions[1].Date", Old);

        var imports = ledger.Services.GetRequiredService<ImportService>();
        var imported = await imports.ImportAsync(alice.Actor, new ImportStatement(alice.BookId, checking, "june.csv", StatementFormat.Csv,
        [
            new ImportRow("row-1", 2, FirstOpen, -5_00, "Bakery", null, null, groceries),
            new ImportRow("row-2", 3, Locked, -7_00, "Butcher", null, null, groceries),
        ]));
        Assert.Equal(ResultStatus.Conflict, imported.Status);
        Assert.Equal(Locked, imported.ClosedThrough);
        Assert.StartsWith("Line 3:", imported.Message);
        Assert.Contains(Iso(Locked), imported.Message);
        Assert.Equal(before, await StateAsync());

        var open = await ledger.Postings.PostManyAsync(alice.Actor,
            new PostMany(alice.BookId, [Spend(FirstOpen, key: "b-1"), Spend(Today, key: "b-3")]));
        Assert.Equal(ResultStatus.Ok, open.Status);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_void_of_a_closed_transaction_reverses_on_the_first_open_day_linked_to_it()
    {
        var old = await ledger.TransferAsync(alice, checking, groceries, 12_00, Old, "Old groceries");
        var later = await ledger.TransferAsync(alice, checking, groceries, 3_00, FirstOpen.AddDays(2), "Later groceries");
        await LockAsync(Locked);

        var voided = await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, old.Id);
        var voidedLater = await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, later.Id);

        Assert.Equal(ResultStatus.Created, voided.Status);
        Assert.Equal((FirstOpen, old.Id), (voided.Value!.Date, voided.Value.ReversesId));
        var original = (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, old.Id)).Value!;
        Assert.Equal(voided.Value.Id, original.ReversedById);
        Assert.Equal(later.Date, voidedLater.Value!.Date); // an open transaction's void keeps its date
        Assert.Equal(0, await ledger.BalanceAsync(groceries));
        await using (var db = await ledger.DbAsync())
        {
            Assert.False(await db.Postings.AnyAsync(p => p.Date <= Locked && p.TransactionId != old.Id));
            var audit = JsonDocument.Parse((await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.TransactionVoided
                && a.EntityId == old.Id.ToString())).Details).RootElement;
            Assert.Equal((Iso(FirstOpen), Iso(Locked)), (audit.GetProperty("reversalDate").GetString(), audit.GetProperty("lockDate").GetString()));
        }
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Undoing_an_import_reverses_its_closed_transactions_on_the_first_open_day()
    {
        var imports = ledger.Services.GetRequiredService<ImportService>();
        var imported = await imports.ImportAsync(alice.Actor, new ImportStatement(alice.BookId, checking, "may.csv", StatementFormat.Csv,
        [
            new ImportRow("row-1", 2, Old, -5_00, "Bakery", null, null, groceries),
            new ImportRow("row-2", 3, FirstOpen.AddDays(1), -7_00, "Butcher", null, null, groceries),
        ]));
        Assert.True(imported.Succeeded, imported.Message);
        await LockAsync(Locked);

        var undone = await ledger.Postings.UndoImportAsync(alice.Actor, alice.BookId, imported.Value!.ImportId!.Value);

        Assert.Equal(ResultStatus.Ok, undone.Status);
        await using var db = await ledger.DbAsync();
        var reversalDates = await db.Transactions.Where(t => t.ReversesId != null).OrderBy(t => t.Number).Select(t => t.Date).ToListAsync();
        Assert.Equal([FirstOpen, FirstOpen.AddDays(1)], reversalDates);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Correcting_or_amending_a_closed_transaction_is_refused_and_a_correction_cannot_be_dated_in_the_closed_period()
    {
        var old = await ledger.TransferAsync(alice, checking, groceries, 12_00, Old, "Old groceries");
        var open = await ledger.TransferAsync(alice, checking, groceries, 3_00, FirstOpen, "Open groceries");
        await LockAsync(Locked);
        var before = await StateAsync();

        var correctOld = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, old.Id, Spend(FirstOpen, 11_00, "fix-1"));
        AssertClosed(correctOld, "Date", Old);
        Assert.Contains("corrected", correctOld.Message);
        AssertClosed(await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, open.Id, Spend(Locked, 4_00, "fix-2")), "Date", Locked);
        var amend = await ledger.Postings.AmendAsync(alice.Actor,
            new AmendTransaction(alice.BookId, old.Id, old.Version, "Renamed", null, [null, null], []));
        AssertClosed(amend, "Date", Old);
        Assert.Contains("amended", amend.Message);
        Assert.Equal(before, await StateAsync());
        Assert.Equal("Old groceries", (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, old.Id)).Value!.Description);

        // In the open period both still work.
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, open.Id, Spend(FirstOpen, 4_00, "fix-3"))).Status);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task The_closed_periods_reports_are_unchanged_by_refused_writes_a_void_and_a_moved_lock_date()
    {
        await ledger.TransferAsync(alice, salary, checking, 2_000_00, MonthStart, "Pay");
        var old = await ledger.TransferAsync(alice, checking, groceries, 120_00, Old, "Old groceries");
        await ledger.TransferAsync(alice, checking, groceries, 30_00, FirstOpen, "Open groceries");
        var reports = ledger.Services.GetRequiredService<ReportService>();
        var closedMonth = new ReportPeriod(MonthStart, Locked);
        async Task<string> ClosedReportsAsync() => JsonSerializer.Serialize(new
        {
            Income = (await reports.IncomeStatementAsync(alice.Actor, alice.BookId, closedMonth)).Value,
            Sheet = (await reports.BalanceSheetAsync(alice.Actor, alice.BookId, Locked)).Value,
        });
        await LockAsync(Locked);
        var closed = await ClosedReportsAsync();

        Assert.False((await ledger.Postings.PostAsync(alice.Actor, Spend(Old))).Succeeded);
        Assert.False((await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(Locked, key: "k")]))).Succeeded);
        Assert.False((await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, old.Id, Spend(FirstOpen, key: "c"))).Succeeded);
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, old.Id)).Status);
        Assert.Equal(closed, await ClosedReportsAsync());

        // Moving the lock date later still leaves what was closed as it was.
        await LockAsync(FirstOpen);
        Assert.Equal(closed, await ClosedReportsAsync());
        // The void shows on the first open day: 2,000.00 paid in, the 120.00 and its reversal, 30.00 spent.
        var sheet = (await reports.BalanceSheetAsync(alice.Actor, alice.BookId, FirstOpen)).Value!;
        Assert.Equal(1_970_00, Assert.Single(sheet.Currencies).TotalAssets);
        var firstDay = (await reports.IncomeStatementAsync(alice.Actor, alice.BookId, new ReportPeriod(FirstOpen, FirstOpen))).Value!;
        Assert.Equal(30_00 - 120_00, Assert.Single(firstDay.Currencies).TotalExpenses);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_lock_date_set_while_posts_wait_for_the_books_lock_refuses_them_and_posts_after_it_go_through()
    {
        var queue = ledger.Services.GetRequiredService<PostingQueue>();
        var lane = queue.LaneOf(alice.BookId);
        var holder = await ledger.DbAsync();
        var held = await holder.BeginWriteTransactionAsync(default);
        await holder.LockBooksAsync([alice.BookId], default);
        await holder.Books.Where(b => b.Id == alice.BookId).ExecuteUpdateAsync(b => b.SetProperty(x => x.LockDate, (DateOnly?)Locked));

        // The first post becomes the lane's writer and waits for the lock; the rest queue behind it and are written as a group.
        var dates = new[] { Locked, FirstOpen, Old, Today, Locked.AddDays(-1), FirstOpen };
        var posts = new List<Task<Result<TransactionDto>>>();
        foreach (var (date, i) in dates.Select((d, i) => (d, i)))
        {
            posts.Add(Task.Run(() => ledger.Postings.PostAsync(alice.Actor, Spend(date, 100 + i))));
            await Eventually.TrueAsync(() => queue.StateOf(lane) == (true, posts.Count - 1), "the post to queue behind the lock");
        }
        if (this is IOnPostgres)
        {
            await LockWaits.UntilSomeoneWaitsAsync(ledger);
        }
        await held.CommitAsync(default);
        await held.DisposeAsync();
        await holder.DisposeAsync();
        var results = await Task.WhenAll(posts);

        for (var i = 0; i < dates.Length; i++)
        {
            if (dates[i] <= Locked)
            {
                AssertClosed(results[i], "Date", dates[i]);
            }
            else
            {
                Assert.Equal(ResultStatus.Created, results[i].Status);
            }
        }
        await using var db = await ledger.DbAsync();
        Assert.False(await db.Transactions.AnyAsync(t => t.Date <= Locked));
        Assert.Equal([1L, 2L, 3L], await db.Transactions.OrderBy(t => t.Number).Select(t => t.Number).ToListAsync());
        await ledger.AssertInvariantsAsync();
    }
}

public sealed class LockDateTestsOnSqlite : LockDateTests;

public sealed class LockDateTestsOnPostgres : LockDateTests, IOnPostgres;
