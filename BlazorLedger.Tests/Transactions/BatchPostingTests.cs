using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Transactions;

/// <summary>Many transactions at once (<see cref="PostingService.PostManyAsync"/>), imports and their undo, on each provider.</summary>
public abstract class BatchPostingTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, groceries, salary, euros;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        euros = await ledger.CreateAccountAsync(alice, "Euro wallet", currency: "EUR");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private PostTransaction Spend(long amount, string description = "Groceries", string? key = null, Guid? bookId = null) =>
        new(bookId ?? alice.BookId, Today, description, "Green Market", [new PostingLine(groceries, amount), new PostingLine(checking, -amount)], key);

    private List<PostTransaction> Statement(int count) =>
        Enumerable.Range(1, count).Select(i => Spend(i * 100, $"Row {i}")).ToList();

    private static StatementImport FileOf(IReadOnlyList<PostTransaction> rows, string name = "statement.csv") =>
        new(Guid.Empty, name, "csv", rows.Select((r, i) => $"csv1:{r.Description}:{i}").ToList());

    private StatementImport Import(IReadOnlyList<PostTransaction> rows, string name = "statement.csv") =>
        FileOf(rows, name) with { AccountId = checking };

    [DbFact]
    public async Task A_batch_posts_every_transaction_with_consecutive_numbers_and_one_audit_event_each()
    {
        await ledger.TransferAsync(alice, checking, groceries, 1_00);

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(10_00, key: "a"), Spend(2_50), Spend(-50)]));

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal([PostedStatus.Created, PostedStatus.Created, PostedStatus.Created], result.Value!.Items.Select(i => i.Status));
        Assert.Equal([2L, 3L, 4L], result.Value.Items.Select(i => i.Transaction!.Number));
        Assert.Equal(1_00 + 12_00, await ledger.BalanceAsync(groceries));
        Assert.Equal(-13_00, await ledger.BalanceAsync(checking));
        await using var db = await ledger.DbAsync();
        Assert.Equal(4, await db.AuditEvents.CountAsync(a => a.Action == "transaction.posted"));
        Assert.Equal(4, await db.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
        var stored = await db.Transactions.Include(t => t.Postings).SingleAsync(t => t.Number == 2);
        Assert.Equal(("Groceries", "Green Market", "a", Today), (stored.Description, stored.Payee, stored.IdempotencyKey, stored.Date));
        Assert.Equal([10_00L, -10_00L], stored.Postings.OrderBy(p => p.Id).Select(p => p.Amount));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task One_invalid_item_refuses_the_whole_batch_with_errors_keyed_by_item_and_writes_nothing()
    {
        var before = await ledger.SnapshotAsync();
        var unbalanced = Spend(5_00) with { Postings = [new PostingLine(groceries, 5_00), new PostingLine(checking, -4_99)] };
        var crossBook = Spend(1_00) with { Postings = [new PostingLine(groceries, 1_00), new PostingLine(Guid.NewGuid(), -1_00)] };

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId,
            [Spend(1_00), Spend(0), unbalanced, crossBook, Spend(1_00) with { Description = " " }]));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Transactions[1].Postings[0].Amount", result.Errors.Keys);
        Assert.Contains("Transactions[4].Description", result.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());

        // The shape is fine; the accounts are not: still nothing written.
        result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(1_00), unbalanced, crossBook]));
        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(result.Errors["Transactions[1].Postings"], e => e.Contains("do not balance"));
        Assert.Contains("Transactions[2].Postings[1].AccountId", result.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task An_empty_batch_or_one_for_another_book_is_refused()
    {
        var empty = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, []));
        var elsewhere = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(1_00, bookId: Guid.NewGuid())]));

        Assert.Equal(ResultStatus.Invalid, empty.Status);
        Assert.Equal(ResultStatus.Invalid, elsewhere.Status);
        Assert.Contains("Transactions[0].BookId", elsewhere.Errors.Keys);
    }

    [DbFact]
    public async Task Posting_a_batch_again_answers_each_keyed_item_as_a_replay_and_posts_nothing_new()
    {
        var batch = new PostMany(alice.BookId, [Spend(1_00, key: "k1"), Spend(2_00, key: "k2")]);
        var first = await ledger.Postings.PostManyAsync(alice.Actor, batch);
        var snapshot = await ledger.SnapshotAsync();

        var again = await ledger.Postings.PostManyAsync(alice.Actor, batch);

        Assert.Equal([PostedStatus.Replayed, PostedStatus.Replayed], again.Value!.Items.Select(i => i.Status));
        Assert.Equal(first.Value!.Items.Select(i => i.Transaction!.Id), again.Value.Items.Select(i => i.Transaction!.Id));
        Assert.Equal(snapshot, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task A_key_reused_with_other_content_is_a_conflict_naming_it_and_nothing_is_written()
    {
        await ledger.Postings.PostAsync(alice.Actor, Spend(1_00, key: "rent"));
        var before = await ledger.SnapshotAsync();

        var earlier = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(5_00), Spend(9_00, key: "rent")]));
        var within = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(5_00, key: "x"), Spend(6_00, key: "x")]));

        Assert.Equal(ResultStatus.Conflict, earlier.Status);
        Assert.Contains("\"rent\"", earlier.Message);
        Assert.Contains("transactions[1]", earlier.Message);
        Assert.Equal(ResultStatus.Conflict, within.Status);
        Assert.Contains("\"x\"", within.Message);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task The_same_key_twice_in_one_batch_with_the_same_content_posts_once()
    {
        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(3_00, key: "same"), Spend(3_00, key: "same")]));

        Assert.Equal([PostedStatus.Created, PostedStatus.Replayed], result.Value!.Items.Select(i => i.Status));
        Assert.Equal(result.Value.Items[0].Transaction!.Id, result.Value.Items[1].Transaction!.Id);
        Assert.Equal(3_00, await ledger.BalanceAsync(groceries));
    }

    [DbFact]
    public async Task Viewers_and_outsiders_cannot_post_a_batch()
    {
        var viewer = await ledger.CreateUserAsync("vera");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        var outsider = await ledger.CreateUserAsync("olga");
        var before = await ledger.SnapshotAsync();

        Assert.Equal(ResultStatus.Forbidden, (await ledger.Postings.PostManyAsync(viewer.Actor, new PostMany(alice.BookId, [Spend(1_00)]))).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.PostManyAsync(outsider.Actor, new PostMany(alice.BookId, [Spend(1_00)]))).Status);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task Balances_and_activity_are_updated_once_per_account_for_the_whole_batch()
    {
        var rows = Enumerable.Range(1, 1_200).Select(i => i % 2 == 0 ? Spend(i) : Spend(i) with
        {
            Postings = [new PostingLine(checking, i), new PostingLine(salary, -i)],
        }).Append(Spend(7_00) with { Postings = [new PostingLine(euros, 7_00), new PostingLine(euros, -7_00)] }).ToList();

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows));

        Assert.Equal(1_201, result.Value!.Created);
        var spent = Enumerable.Range(1, 1_200).Where(i => i % 2 == 0).Sum(i => (long)i);
        var earned = Enumerable.Range(1, 1_200).Where(i => i % 2 == 1).Sum(i => (long)i);
        Assert.Equal(spent, await ledger.BalanceAsync(groceries));
        Assert.Equal(earned - spent, await ledger.BalanceAsync(checking));
        Assert.Equal(-earned, await ledger.BalanceAsync(salary));
        await using var db = await ledger.DbAsync();
        var activity = await db.DailyActivity.ToListAsync();
        Assert.Equal(1_201, activity.Where(a => a.Currency == DailyActivity.AllCurrencies).Sum(a => a.Transactions));
        Assert.Equal(1_200, activity.Where(a => a.Currency == "USD").Sum(a => a.Transactions));
        Assert.Equal(spent + earned, activity.Where(a => a.Currency == "USD").Sum(a => a.Volume));
        Assert.Equal(7_00, activity.Where(a => a.Currency == "EUR").Sum(a => a.Volume));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_batch_that_would_overflow_a_balance_is_refused_whole()
    {
        var huge = Money.MaxPostingMinor;
        var rows = Enumerable.Range(0, 10_000).Select(_ => Spend(huge)).ToList();
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("beyond what can be stored", result.Message);
        Assert.Equal(before, await ledger.SnapshotAsync());
        await using var db = await ledger.DbAsync();
        Assert.Equal(0, await db.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
    }

    [DbFact]
    public async Task A_batch_that_would_take_a_stored_day_beyond_64_bits_is_refused_whole()
    {
        // The balance has room; what was posted to the account today already nearly fills a day's 64 bits.
        await ledger.TransferAsync(alice, checking, groceries, 1);
        await using (var db = await ledger.DbAsync())
        {
            await db.AccountDays.Where(d => d.AccountId == groceries).ExecuteUpdateAsync(d => d.SetProperty(x => x.Amount, long.MaxValue - 10));
        }
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [Spend(5), Spend(100)]));

        Assert.Equal((ResultStatus.Invalid, "This would take the balance of \"Groceries\" beyond what can be stored."), (result.Status, result.Message));
        Assert.Equal(before, await ledger.SnapshotAsync());
        await using var after = await ledger.DbAsync();
        Assert.Equal([(Today, long.MaxValue - 10), (Today, -1L)],
            (await after.AccountDays.Where(d => d.AccountId == groceries || d.AccountId == checking).OrderByDescending(d => d.Amount)
                .Select(d => new { d.Date, d.Amount }).ToListAsync()).Select(d => (d.Date, d.Amount)));
        Assert.Equal(1, await after.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
    }

    [DbFact]
    public async Task A_batch_whose_own_day_would_pass_64_bits_is_refused_whole_even_when_the_balance_fits()
    {
        // Yesterday's rows take back what today's add, so no balance moves; today's sum alone would not fit a day.
        await ledger.TransferAsync(alice, checking, groceries, 1);
        var rows = Enumerable.Range(0, 10_000).Select(_ => Spend(Money.MaxPostingMinor))
            .Concat(Enumerable.Range(0, 10_000).Select(_ => Spend(-Money.MaxPostingMinor) with { Date = Today.AddDays(-1) })).ToList();
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("beyond what can be stored", result.Message);
        Assert.Equal(before, await ledger.SnapshotAsync());
        await using var after = await ledger.DbAsync();
        Assert.Equal(1, await after.AccountDays.Where(d => d.AccountId == groceries).Select(d => d.Amount).SingleAsync());
    }

    [DbFact]
    public async Task An_import_posts_each_row_once_book_wide_and_is_recorded_once_with_its_counts()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var march = Statement(5);

        var first = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, march, Import(march, "march.csv")));
        // Bob imports an overlapping statement: rows 4 and 5 again, and two new ones.
        var april = Statement(7).Skip(3).ToList();
        var overlap = new StatementImport(checking, "april.csv", "csv", Import(Statement(7)).Fingerprints.Skip(3).ToList());
        var second = await ledger.Postings.PostManyAsync(bob.Actor, new PostMany(alice.BookId, april, overlap));
        var again = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, march, Import(march, "march.csv")));

        Assert.Equal(5, first.Value!.Created);
        Assert.Equal([PostedStatus.Duplicate, PostedStatus.Duplicate, PostedStatus.Created, PostedStatus.Created],
            second.Value!.Items.Select(i => i.Status));
        Assert.Equal(0, again.Value!.Created);
        Assert.Equal(5, again.Value.Duplicates);
        Assert.Equal(Enumerable.Range(1, 7).Sum(i => i * 100L), await ledger.BalanceAsync(groceries));

        await using var db = await ledger.DbAsync();
        var counts = await db.ImportBatches.Select(b => new { b.Imported, b.Duplicates }).ToListAsync();
        Assert.Equal([(0, 5), (2, 2), (5, 0)], counts.Select(b => (b.Imported, b.Duplicates)).Order());
        Assert.Equal(3, await db.AuditEvents.CountAsync(a => a.Action == "statement.imported"));
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.Action == "transaction.posted"));
        Assert.Equal(7, await db.Transactions.CountAsync(t => t.ImportBatchId != null));
        Assert.Equal(7, await db.ImportedRows.CountAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_import_into_an_account_of_another_book_is_refused()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var bobs = await ledger.CreateAccountAsync(bob, "Bob's checking");
        var rows = Statement(2);

        var result = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows, FileOf(rows) with { AccountId = bobs }));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("AccountId", result.Errors.Keys);
    }

    [DbFact]
    public async Task Undoing_an_import_voids_its_transactions_and_lets_the_statement_be_imported_again()
    {
        var rows = Statement(4);
        var imported = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows, Import(rows)));
        // One of them was voided by hand before the undo: it stays as it is.
        await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, imported.Value!.Items[1].Transaction!.Id);

        var undone = await ledger.Postings.UndoImportAsync(alice.Actor, alice.BookId, imported.Value.ImportId!.Value);

        Assert.Equal(ResultStatus.Ok, undone.Status);
        Assert.Equal((3, 1), (undone.Value!.Voided, undone.Value.AlreadyVoided));
        Assert.Equal(0, await ledger.BalanceAsync(groceries));
        Assert.Equal(0, await ledger.BalanceAsync(checking));
        await using (var db = await ledger.DbAsync())
        {
            Assert.Equal(4, await db.Transactions.CountAsync(t => t.ReversesId != null));
            Assert.Equal(0, await db.ImportedRows.CountAsync());
            Assert.NotNull((await db.ImportBatches.SingleAsync()).UndoneAt);
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "import.undone"));
        }

        var twice = await ledger.Postings.UndoImportAsync(alice.Actor, alice.BookId, imported.Value.ImportId.Value);
        Assert.Equal(ResultStatus.Conflict, twice.Status);

        var reimported = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows, Import(rows)));
        Assert.Equal(4, reimported.Value!.Created);
        Assert.Equal(rows.Sum(r => r.Postings[0].Amount), await ledger.BalanceAsync(groceries));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Only_editors_of_the_book_can_undo_its_imports()
    {
        var rows = Statement(2);
        var imported = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows, Import(rows)));
        var viewer = await ledger.CreateUserAsync("vera");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        var outsider = await ledger.CreateUserAsync("olga");
        var importId = imported.Value!.ImportId!.Value;

        Assert.Equal(ResultStatus.Forbidden, (await ledger.Postings.UndoImportAsync(viewer.Actor, alice.BookId, importId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.UndoImportAsync(outsider.Actor, alice.BookId, importId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.UndoImportAsync(alice.Actor, alice.BookId, Guid.NewGuid())).Status);
        Assert.Equal(rows.Sum(r => r.Postings[0].Amount), await ledger.BalanceAsync(groceries));
    }

    [DbFact]
    public async Task Importing_the_same_statement_from_many_sessions_at_once_posts_each_row_once()
    {
        var rows = Statement(50);

        var results = await AllAtOnce.RunAsync(8, _ => ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, rows, Import(rows))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(50, results.Sum(r => r.Value!.Created));
        Assert.Equal(rows.Sum(r => r.Postings[0].Amount), await ledger.BalanceAsync(groceries));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_reversal_in_a_batch_is_linked_to_the_transaction_it_voids()
    {
        var original = Spend(4_00, "Shoes");
        var reversal = Spend(-4_00, "Void: Shoes");

        var result = await ledger.Postings.PostManyAsync(alice.Actor,
            new PostMany(alice.BookId, [original, Spend(1_00), reversal], Reversals: new Dictionary<int, int> { [2] = 0 }));
        var wrong = await ledger.Postings.PostManyAsync(alice.Actor,
            new PostMany(alice.BookId, [original, Spend(-3_00)], Reversals: new Dictionary<int, int> { [1] = 0 }));

        Assert.Equal(result.Value!.Items[0].Transaction!.Id, result.Value.Items[2].Transaction!.ReversesId);
        var voided = await ledger.Postings.GetAsync(alice.Actor, alice.BookId, result.Value.Items[0].Transaction!.Id);
        Assert.True(voided.Value!.IsVoided);
        Assert.Equal(ResultStatus.Invalid, wrong.Status);
        Assert.Contains("Transactions[1].Postings", wrong.Errors.Keys);
    }

    [DbFact]
    public async Task A_thousand_transactions_take_a_handful_of_commands()
    {
        using var traffic = new DatabaseTraffic();
        await using var quiet = TestLedger.InMemory();
        var bob = await quiet.CreateUserAsync("bob");
        var (cash, food) = (await quiet.CreateAccountAsync(bob, "Cash"), await quiet.CreateAccountAsync(bob, "Food", AccountType.Expense));
        var rows = Enumerable.Range(1, 1_000).Select(i => new PostTransaction(bob.BookId, Today, $"Row {i}", null,
            [new PostingLine(food, i), new PostingLine(cash, -i)])).ToList();
        await using var db = await quiet.DbAsync();
        var connection = db.Database.GetDbConnection();
        traffic.Reset(connection);

        var result = await quiet.Postings.PostManyAsync(bob.Actor,
            new PostMany(bob.BookId, rows, new StatementImport(cash, "big.csv", "csv", rows.Select(r => r.Description).ToList())));

        Assert.Equal(1_000, result.Value!.Created);
        // Role, name, fingerprints, accounts, numbers, the import, the chunks, two balances, two activity rows: not one per row.
        Assert.InRange(traffic.CommandsOn(connection), 1, 12 + 1_000 / PostingBatchStore.ChunkSize(db.Database.ProviderOf()));

        // A retry of a thousand keyed transactions loads what they posted in a few queries, not two per transaction.
        var keyed = rows.Select((r, i) => r with { IdempotencyKey = $"k{i}" }).ToList();
        await quiet.Postings.PostManyAsync(bob.Actor, new PostMany(bob.BookId, keyed));
        traffic.Reset(connection);
        var retry = await quiet.Postings.PostManyAsync(bob.Actor, new PostMany(bob.BookId, keyed));
        Assert.All(retry.Value!.Items, i => Assert.Equal(PostedStatus.Replayed, i.Status));
        Assert.Equal(keyed.Select(k => k.Description), retry.Value.Items.Select(i => i.Transaction!.Description));
        Assert.InRange(traffic.CommandsOn(connection), 1, 12);
    }
}

public sealed class BatchPostingTestsOnSqlite : BatchPostingTests;

public sealed class BatchPostingTestsOnPostgres : BatchPostingTests, IOnPostgres;
