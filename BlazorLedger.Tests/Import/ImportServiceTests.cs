using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Import;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

/// <summary>Statements previewed, imported exactly once, listed and undone (<see cref="ImportService"/>), on each provider.</summary>
public abstract class ImportServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, groceries, coffee, salary, euros;

    private ImportService Imports => ledger.Services.GetRequiredService<ImportService>();
    private ImportRuleService Rules => ledger.Services.GetRequiredService<ImportRuleService>();

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
        coffee = await ledger.CreateAccountAsync(alice, "Coffee", AccountType.Expense);
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        euros = await ledger.CreateAccountAsync(alice, "Euro card", AccountType.Liability, "EUR");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    /// <summary>A bank's CSV export: ISO dates, a payee column, one signed amount.</summary>
    private static byte[] Csv(params string[] rows) =>
        Encoding.UTF8.GetBytes("Date,Description,Payee,Amount\n" + string.Join("\n", rows) + "\n");

    private static readonly string[] January =
    [
        "2026-01-05,Card payment,Starbucks,-4.75",
        "2026-01-05,Card payment,Starbucks,-4.75",
        "2026-01-13,January salary,ACME Corp,2500.00",
        "2026-01-15,Weekly shop,Green Market,-82.40",
        "2026-01-20,Weekly shop,Green Market,-61.15",
    ];

    private async Task<ImportPreview> PreviewAsync(byte[] file, TestUser? user = null, CsvMapping? mapping = null, Guid? account = null)
    {
        var result = await Imports.PreviewAsync((user ?? alice).Actor, new PreviewImport(alice.BookId, account ?? checking, file, mapping));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    /// <summary>The new rows of a preview, each posted against <paramref name="other"/> (or what the preview proposed).</summary>
    private static ImportStatement Command(ImportPreview preview, Guid bookId, Guid? other, string fileName = "january.csv") =>
        new(bookId, preview.Account.Id, fileName, preview.Format,
            preview.Rows.Where(r => r.State == PreviewRowState.New)
                .Select(r => ImportRow.From(r.Row!, other ?? r.Suggestion?.AccountId, r.Suggestion?.Payee ?? r.Row!.Payee)).ToList(),
            preview.MappingToRemember);

    private async Task<ImportOutcome> ImportAsync(ImportPreview preview, Guid? other, TestUser? user = null, string fileName = "january.csv")
    {
        var result = await Imports.ImportAsync((user ?? alice).Actor, Command(preview, alice.BookId, other, fileName));
        Assert.True(result.Succeeded, result.Message + " " + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    private async Task<int> TransactionCountAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.Transactions.CountAsync();
    }

    [DbFact]
    public async Task A_statement_is_previewed_row_by_row_and_imported_as_one_batch_with_the_amounts_signed_for_each_account()
    {
        var preview = await PreviewAsync(Csv(January));

        Assert.False(preview.FileFailed);
        Assert.Equal(StatementFormat.Csv, preview.Format);
        Assert.Equal([2, 3, 4, 5, 6], preview.Rows.Select(r => r.Line));
        Assert.All(preview.Rows, r => Assert.Equal(PreviewRowState.New, r.State));
        Assert.Equal(["Coffee", "Groceries", "Salary"], preview.OtherAccounts.Select(a => a.Name));
        Assert.DoesNotContain(preview.OtherAccounts, a => a.Id == checking || a.Id == euros);

        var outcome = await ImportAsync(preview, groceries);

        Assert.Equal((5, 0, 1L, 5L), (outcome.Imported, outcome.AlreadyImported, outcome.FirstNumber, outcome.LastNumber));
        Assert.Equal(-4_75 * 2 + 2500_00 - 82_40 - 61_15, await ledger.BalanceAsync(checking));
        Assert.Equal(4_75 * 2 - 2500_00 + 82_40 + 61_15, await ledger.BalanceAsync(groceries));
        await using var db = await ledger.DbAsync();
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal(("january.csv", "csv", 5, 0, checking), (batch.FileName, batch.Format, batch.Imported, batch.Duplicates, batch.AccountId));
        var salaryRow = await db.Transactions.Include(t => t.Postings).SingleAsync(t => t.Description == "January salary");
        Assert.Equal(("ACME Corp", batch.Id), (salaryRow.Payee, salaryRow.ImportBatchId));
        Assert.Equal([(checking, 2500_00L), (groceries, -2500_00L)], salaryRow.Postings.OrderBy(p => p.Id).Select(p => (p.AccountId, p.Amount)));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "statement.imported"));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Importing_the_same_file_twice_posts_nothing_the_second_time_and_names_the_earlier_transactions()
    {
        await ImportAsync(await PreviewAsync(Csv(January)), groceries);
        var before = await ledger.SnapshotAsync();

        var again = await PreviewAsync(Csv(January));

        Assert.All(again.Rows, r => Assert.Equal(PreviewRowState.Duplicate, r.State));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], again.Rows.Select(r => r.DuplicateOfNumber!.Value));
        Assert.Equal(0, again.NewCount);
        // A page that imports its stale preview anyway: every row is skipped, none posted.
        var forced = await Imports.ImportAsync(alice.Actor, new ImportStatement(alice.BookId, checking, "january.csv", StatementFormat.Csv,
            again.Rows.Select(r => ImportRow.From(r.Row!, groceries, r.Row!.Payee)).ToList()));
        Assert.True(forced.Succeeded, forced.Message);
        Assert.Equal((0, 5), (forced.Value!.Imported, forced.Value.AlreadyImported));
        Assert.Equal(before.Transactions, (await ledger.SnapshotAsync()).Transactions);
        Assert.Equal(before.BalanceSum, (await ledger.SnapshotAsync()).BalanceSum);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_overlapping_statement_imports_only_the_rows_the_first_did_not_have()
    {
        await ImportAsync(await PreviewAsync(Csv(January[..3])), groceries, fileName: "first-half.csv");

        var overlap = await PreviewAsync(Csv(January[1..]));

        // The second coffee is the file's first of its kind: the same bank row only if it is the same occurrence.
        Assert.Equal([PreviewRowState.Duplicate, PreviewRowState.Duplicate, PreviewRowState.New, PreviewRowState.New],
            overlap.Rows.Select(r => r.State));
        var outcome = await ImportAsync(overlap, groceries, fileName: "second-half.csv");
        Assert.Equal(2, outcome.Imported);
        Assert.Equal(5, await TransactionCountAsync());
        Assert.Equal(-4_75 * 2 + 2500_00 - 82_40 - 61_15, await ledger.BalanceAsync(checking));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Two_editors_importing_the_same_file_post_it_once()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var hers = await PreviewAsync(Csv(January));
        var his = await PreviewAsync(Csv(January), bob);
        Assert.Equal(5, his.NewCount);

        await ImportAsync(hers, groceries);
        var late = await ImportAsync(his, coffee, bob);

        Assert.Equal((0, 5), (late.Imported, late.AlreadyImported));
        Assert.Equal(5, await TransactionCountAsync());
        Assert.Equal(0, await ledger.BalanceAsync(coffee));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Two_editors_importing_the_same_file_at_the_same_moment_post_each_row_once()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var hers = await PreviewAsync(Csv(January));
        var his = await PreviewAsync(Csv(January), bob);

        var outcomes = await Task.WhenAll(
            Imports.ImportAsync(alice.Actor, Command(hers, alice.BookId, groceries)),
            Imports.ImportAsync(bob.Actor, Command(his, alice.BookId, coffee)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Equal(5, outcomes.Sum(o => o.Value!.Imported));
        Assert.Equal(5, outcomes.Sum(o => o.Value!.AlreadyImported));
        Assert.Equal(5, await TransactionCountAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Undoing_an_import_voids_all_its_transactions_and_the_file_can_be_imported_again()
    {
        var outcome = await ImportAsync(await PreviewAsync(Csv(January)), groceries);

        var undone = await Imports.UndoAsync(alice.Actor, alice.BookId, outcome.ImportId!.Value);

        Assert.True(undone.Succeeded, undone.Message);
        Assert.Equal((5, 0), (undone.Value!.Voided, undone.Value.AlreadyVoided));
        Assert.Equal(0, await ledger.BalanceAsync(checking));
        Assert.Equal(0, await ledger.BalanceAsync(groceries));
        var listed = Assert.Single((await Imports.ListAsync(alice.Actor, alice.BookId)).Value!);
        Assert.True(listed.IsUndone);
        Assert.Equal("alice", listed.UndoneByName);
        var twice = await Imports.UndoAsync(alice.Actor, alice.BookId, outcome.ImportId.Value);
        Assert.Equal(ResultStatus.Conflict, twice.Status);

        var again = await PreviewAsync(Csv(January));
        Assert.Equal(5, again.NewCount);
        var reimported = await ImportAsync(again, groceries);
        Assert.Equal(5, reimported.Imported);
        Assert.Equal(-4_75 * 2 + 2500_00 - 82_40 - 61_15, await ledger.BalanceAsync(checking));
        Assert.Equal(15, await TransactionCountAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Past_imports_are_listed_newest_first_with_who_what_where_and_their_counts()
    {
        await ImportAsync(await PreviewAsync(Csv(January[..2])), groceries, fileName: "one.csv");
        await ImportAsync(await PreviewAsync(Csv(January)), groceries, fileName: "two.csv");

        var listed = (await Imports.ListAsync(alice.Actor, alice.BookId)).Value!;

        Assert.Equal([("two.csv", 3), ("one.csv", 2)], listed.Select(i => (i.FileName, i.Imported)));
        Assert.All(listed, i => Assert.Equal(("alice", "Checking", "csv", false), (i.CreatedByName, i.AccountName, i.Format, i.IsUndone)));
        await ledger.AssertInvariantsAsync();
    }

    public static TheoryData<string, byte[], string> UnreadableFiles => new()
    {
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00], "This is not a text file" },
        { "no rows", Encoding.UTF8.GetBytes("Date,Description,Amount\n"), "The file has no rows to import." },
        { "no dates", Encoding.UTF8.GetBytes("Name,Amount\nCoffee,1.00\nTea,2.00\n"), "The date and amount columns could not be recognised" },
        { "OFX cut short", Encoding.ASCII.GetBytes(StatementFiles.Ofx1Text[..StatementFiles.Ofx1Text.IndexOf("<BANKTRANLIST>", StringComparison.Ordinal)]), "<STMTRS> is never closed" },
    };

    [DbTheory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task A_file_that_cannot_be_read_says_why_and_nothing_is_written(string kind, byte[] file, string message)
    {
        var before = await ledger.SnapshotAsync();

        var preview = await PreviewAsync(file);

        Assert.True(preview.FileFailed, kind);
        Assert.Empty(preview.Rows);
        Assert.Contains(message, Assert.Single(preview.FileErrors).Message);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task An_empty_or_oversized_file_is_refused_before_it_is_read()
    {
        var empty = await Imports.PreviewAsync(alice.Actor, new PreviewImport(alice.BookId, checking, []));
        var huge = await Imports.PreviewAsync(alice.Actor, new PreviewImport(alice.BookId, checking, new byte[ImportLimits.MaxFileBytes + 1]));

        Assert.Equal(("The file is empty.", ResultStatus.Invalid), (empty.Message, empty.Status));
        Assert.Equal(ResultStatus.Invalid, huge.Status);
        Assert.Contains("at most 10 MB", huge.Message);
    }

    [DbFact]
    public async Task Unreadable_rows_are_marked_with_their_line_and_column_and_the_rest_can_be_imported()
    {
        var preview = await PreviewAsync(Csv(
            "2026-01-05,Card payment,Starbucks,-4.75",
            "2026-02-31,Card payment,Starbucks,-4.75",
            "2026-01-06,Refund,Shop,0.00",
            "2026-01-07,Card payment,Starbucks,-4.75x",
            "2026-01-08,Weekly shop,Green Market,-82.40"));

        Assert.Equal([PreviewRowState.New, PreviewRowState.Invalid, PreviewRowState.Invalid, PreviewRowState.Invalid, PreviewRowState.New],
            preview.Rows.Select(r => r.State));
        var invalid = preview.Rows.Where(r => r.State == PreviewRowState.Invalid).Select(r => r.Error!).ToList();
        Assert.Equal([(3, 1), (4, 4), (5, 4)], invalid.Select(e => (e.Line, e.Column)));
        Assert.Contains("is not a date", invalid[0].Message);
        Assert.Contains("zero", invalid[1].Message);

        var outcome = await ImportAsync(preview, groceries);

        Assert.Equal(2, outcome.Imported);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Rows_without_an_other_account_or_with_one_that_cannot_take_them_are_refused_by_line_and_nothing_is_written()
    {
        var archived = await ledger.CreateAccountAsync(alice, "Old card", AccountType.Liability);
        await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, archived, true);
        var preview = await PreviewAsync(Csv(January));
        var rows = Command(preview, alice.BookId, groceries).Rows;
        var before = await ledger.SnapshotAsync();

        var cases = new (IReadOnlyList<ImportRow> Rows, string Message)[]
        {
            ([rows[0], rows[1] with { OtherAccountId = null }, rows[2] with { OtherAccountId = null }], "2 rows have no other account (lines 3, 4)"),
            ([rows[0] with { OtherAccountId = null }], "The row on line 2 has no other account"),
            ([rows[0], rows[1] with { OtherAccountId = euros }], "Line 3: \"Euro card\" is in EUR but the statement is in USD"),
            ([rows[0] with { OtherAccountId = checking }], "Line 2: the other account cannot be the statement's own account."),
            ([rows[0] with { OtherAccountId = archived }], "Line 2: the other account is not an open account of this book."),
            ([rows[0], rows[0]], "Line 2: the row is in the import twice."),
            ([], "There is nothing to import"),
        };
        foreach (var (chosen, message) in cases)
        {
            var result = await Imports.ImportAsync(alice.Actor, new ImportStatement(alice.BookId, checking, "january.csv", StatementFormat.Csv, chosen));
            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.Contains(message, string.Join(" | ", result.Errors.SelectMany(e => e.Value).Prepend(result.Message)));
        }
        Assert.Equal(before, await ledger.SnapshotAsync());
        await using var db = await ledger.DbAsync();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
        Assert.Equal(0, await db.PayeeAccounts.CountAsync());
    }

    [DbFact]
    public async Task A_row_the_posting_engine_refuses_is_told_by_its_line_and_nothing_is_written()
    {
        var preview = await PreviewAsync(Csv(January));
        var rows = Command(preview, alice.BookId, groceries).Rows;
        var before = await ledger.SnapshotAsync();

        var result = await Imports.ImportAsync(alice.Actor, new ImportStatement(alice.BookId, checking, "january.csv", StatementFormat.Csv,
            [rows[0], rows[1] with { Description = new string('x', TransactionLimits.MaxDescription + 1) }]));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.StartsWith("Line 3: ", result.Message);
        Assert.EndsWith("Nothing was imported.", result.Message);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task The_other_account_is_proposed_by_the_first_matching_rule_else_by_the_users_last_choice_for_the_payee()
    {
        await ImportAsync(await PreviewAsync(Csv("2026-01-02,Weekly shop,Green Market,-10.00", "2026-01-03,Card payment,Starbucks,-3.00")), groceries);
        await Rules.CreateAsync(alice.Actor, new CreateImportRule(alice.BookId, "starbucks", false, coffee, "Starbucks Coffee"));

        var preview = await PreviewAsync(Csv(January));

        var proposed = preview.Rows.Select(r => (r.Row!.Payee, r.Suggestion!.AccountId, r.Suggestion.Source, r.Suggestion.Payee)).ToList();
        Assert.Equal(
        [
            ("Starbucks", coffee, SuggestionSource.Rule, "Starbucks Coffee"),
            ("Starbucks", coffee, SuggestionSource.Rule, "Starbucks Coffee"),
            ("ACME Corp", null, SuggestionSource.None, "ACME Corp"),
            ("Green Market", groceries, SuggestionSource.Remembered, "Green Market"),
            ("Green Market", groceries, SuggestionSource.Remembered, "Green Market"),
        ], proposed);

        // Posted as proposed, the rule's payee included; the salary's account chosen by hand is remembered too.
        var rows = Command(preview, alice.BookId, null).Rows.Select(r => r.Payee == "ACME Corp" ? r with { OtherAccountId = salary } : r).ToList();
        var imported = await Imports.ImportAsync(alice.Actor, new ImportStatement(alice.BookId, checking, "january.csv", StatementFormat.Csv, rows));
        Assert.True(imported.Succeeded, imported.Message);
        await using var db = await ledger.DbAsync();
        Assert.Equal(2, await db.Transactions.CountAsync(t => t.Payee == "Starbucks Coffee"));
        var memory = await db.PayeeAccounts.Where(p => p.UserId == alice.UserId).ToDictionaryAsync(p => p.PayeeKey, p => p.AccountId);
        Assert.Equal(salary, memory["acme corp"]);
        Assert.Equal(coffee, memory["starbucks"]);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Payee_choices_are_each_users_own_and_never_propose_an_account_that_cannot_take_the_row()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        await ImportAsync(await PreviewAsync(Csv("2026-01-02,Weekly shop,Green Market,-10.00")), groceries);

        var his = await PreviewAsync(Csv(January), bob);
        Assert.All(his.Rows, r => Assert.Equal(SuggestionSource.None, r.Suggestion!.Source));

        // The remembered account archived (its import undone first, so that it is empty): no longer proposed.
        var first = Assert.Single((await Imports.ListAsync(alice.Actor, alice.BookId)).Value!);
        Assert.True((await Imports.UndoAsync(alice.Actor, alice.BookId, first.Id)).Succeeded);
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, groceries, true)).Succeeded);
        var hers = await PreviewAsync(Csv(January));
        Assert.All(hers.Rows, r => Assert.Null(r.Suggestion!.AccountId));
        Assert.DoesNotContain(hers.OtherAccounts, a => a.Id == groceries);
    }

    [DbFact]
    public async Task The_column_mapping_of_an_import_is_remembered_for_the_account_with_the_formats_it_was_read_with()
    {
        var german = await PreviewAsync(StatementFiles.German, account: await ledger.CreateAccountAsync(alice, "Girokonto", currency: "EUR"));
        Assert.False(german.MappingRemembered);
        var food = await ledger.CreateAccountAsync(alice, "Lebensmittel", AccountType.Expense, "EUR");
        var outcome = await Imports.ImportAsync(alice.Actor, Command(german, alice.BookId, food, "umsaetze.csv"));
        Assert.True(outcome.Succeeded, outcome.Message);

        var next = await PreviewAsync(StatementFiles.German, account: german.Account.Id);

        Assert.True(next.MappingRemembered);
        Assert.Equal(';', next.Mapping!.Delimiter);
        Assert.Equal(StatementDateFormat.DayMonthYearDots, next.Mapping.DateFormat);
        Assert.Equal(StatementNumberFormat.CommaDecimal, next.Mapping.NumberFormat);
        Assert.All(next.Rows, r => Assert.Equal(PreviewRowState.Duplicate, r.State));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_OFX_statement_is_previewed_without_a_mapping_imported_once_and_its_currency_must_be_the_accounts()
    {
        var preview = await PreviewAsync(StatementFiles.Ofx1);

        Assert.Equal(StatementFormat.Ofx, preview.Format);
        Assert.Null(preview.Csv);
        Assert.Equal("1234567890", preview.BankAccount!.AccountNumber);
        Assert.Equal(3, preview.NewCount);
        var outcome = await ImportAsync(preview, groceries, fileName: "statement.ofx");
        Assert.Equal(3, outcome.Imported);
        Assert.Equal(3, (await PreviewAsync(StatementFiles.Ofx1)).DuplicateCount);
        Assert.Equal("ofx", Assert.Single((await Imports.ListAsync(alice.Actor, alice.BookId)).Value!).Format);

        var wrongCurrency = await PreviewAsync(StatementFiles.Ofx2);
        Assert.Contains("the account is in USD", Assert.Single(wrongCurrency.FileErrors).Message);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Viewers_may_not_preview_import_list_or_undo_and_outsiders_do_not_learn_the_book_exists()
    {
        var outcome = await ImportAsync(await PreviewAsync(Csv(January[..2])), groceries);
        var viewer = await ledger.CreateUserAsync("vera");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        var outsider = await ledger.CreateUserAsync("olaf");
        var command = Command(await PreviewAsync(Csv(January[2..])), alice.BookId, groceries);
        var before = await ledger.SnapshotAsync();

        foreach (var (who, status) in new[] { (viewer, ResultStatus.Forbidden), (outsider, ResultStatus.NotFound) })
        {
            Assert.Equal(status, (await Imports.PreviewAsync(who.Actor, new PreviewImport(alice.BookId, checking, Csv(January)))).Status);
            Assert.Equal(status, (await Imports.ImportAsync(who.Actor, command)).Status);
            Assert.Equal(status, (await Imports.ListAsync(who.Actor, alice.BookId)).Status);
            Assert.Equal(status, (await Imports.UndoAsync(who.Actor, alice.BookId, outcome.ImportId!.Value)).Status);
        }
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task An_account_of_another_book_or_an_archived_one_cannot_take_a_statement()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var his = await ledger.CreateAccountAsync(bob, "Bob's bank");
        await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, checking, true);

        var foreign = await Imports.PreviewAsync(alice.Actor, new PreviewImport(alice.BookId, his, Csv(January)));
        var archived = await Imports.PreviewAsync(alice.Actor, new PreviewImport(alice.BookId, checking, Csv(January)));

        Assert.Equal(("Choose the account the statement belongs to.", ResultStatus.Invalid), (foreign.Message, foreign.Status));
        Assert.Equal("\"Checking\" is archived; restore it before importing into it.", archived.Message);
    }
}

public sealed class ImportServiceTestsOnSqlite : ImportServiceTests;

public sealed class ImportServiceTestsOnPostgres : ImportServiceTests, IOnPostgres;
