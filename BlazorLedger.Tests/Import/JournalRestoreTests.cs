using System.Globalization;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Export;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

/// <summary>
/// Backup and restore: a book's hledger export restores into a new book with the same accounts, transactions, numbers and
/// balances. The book is made to be awkward for the journal: names and texts with colons, semicolons, bars, brackets,
/// tabs, line breaks, decomposed accents and other scripts, names that the journal shows alike, three currencies, splits,
/// memos, payees, archived accounts, and a void; transactions posted out of date order; sub-accounts three levels deep
/// (one archived under an open parent, two whose names the journal shows alike under one parent), cleared postings, and a
/// reconciliation with an adjustment.
/// </summary>
public abstract class JournalRestoreTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid bookId;
    private readonly Dictionary<string, Guid> accounts = [];

    private JournalRestoreService Restore => ledger.Services.GetRequiredService<JournalRestoreService>();

    /// <summary>The chart, each parent before its sub-accounts.</summary>
    private static readonly (string Name, string? Code, AccountType Type, string Currency, string? Parent)[] Chart =
    [
        ("Girokonto: main; 1st", "1000", AccountType.Asset, "EUR", null),
        ("Cash \"wallet\"", null, AccountType.Asset, "USD", null),
        ("cash wallet", "1010", AccountType.Asset, "USD", "Cash \"wallet\""),
        ("Yen\twallet  円", null, AccountType.Asset, "JPY", null),
        ("[Card] | 💳", "2000, Visa", AccountType.Liability, "EUR", null),
        ("Old card", "2100", AccountType.Liability, "EUR", "[Card] | 💳"),
        ("Opening balances", "3000", AccountType.Equity, "EUR", null),
        ("Opening dollars", null, AccountType.Equity, "USD", null),
        ("Opening yen", null, AccountType.Equity, "JPY", null),
        ("Salary", "4000", AccountType.Income, "EUR", null),
        ("Café ☕ Ünïcödé", null, AccountType.Expense, "EUR", null),
        ("Cafe\u0301 decomposed", null, AccountType.Expense, "EUR", "Café ☕ Ünïcödé"),
        ("Housing", null, AccountType.Expense, "EUR", null),
        ("Rent: flat", "5100", AccountType.Expense, "EUR", "Housing"),
        ("Rent- flat", null, AccountType.Expense, "EUR", "Housing"),
        ("Garage", null, AccountType.Expense, "EUR", "Rent: flat"),
        ("Never used", "9999", AccountType.Expense, "USD", null),
    ];

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        var book = await ledger.Books.CreateAsync(alice.Actor, "Household: ours; 2026 | ☕", "EUR");
        bookId = book.Value!.Id;
        foreach (var (name, code, type, currency, parent) in Chart)
        {
            var created = await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(bookId, name, code, type, currency,
                ParentId: parent is null ? null : accounts[parent]));
            Assert.True(created.Succeeded, created.Message);
            accounts[name] = created.Value!.Id;
        }

        await PostAsync(new DateOnly(2026, 1, 1), "Opening balances", null,
            ("Girokonto: main; 1st", 2_500_00, "from; the old bank, ref: 17"), ("Opening balances", -2_500_00, null),
            ("Cash \"wallet\"", 100_00, null), ("cash wallet", 20_00, "coins"), ("Opening dollars", -120_00, null),
            ("Yen\twallet  円", 10_000, null), ("Opening yen", -10_000, "現金"));
        var salary = await PostAsync(new DateOnly(2026, 1, 31), "Salary: January", "ACME | Corp; Ltd",
            ("Girokonto: main; 1st", 4_200_00, null), ("Salary", -4_200_00, null));
        // Tags go into the journal and come back.
        var tagged = await ledger.Postings.AmendAsync(alice.Actor, new AmendTransaction(bookId, salary.Id, salary.Version, salary.Description,
            salary.Payee, salary.Postings.Select(p => p.Memo).ToList(), ["income", "acme/2026", "größe"]));
        Assert.True(tagged.Succeeded, tagged.Message);
        var coffee = await PostAsync(new DateOnly(2026, 1, 9), "Coffee | cake; [2026-01-09] date: soon", null,
            ("Café ☕ Ünïcödé", 4_75, "date: soon [2026-01-10]"), ("[Card] | 💳", -4_75, "tab\there\nnew line, 100%"));
        // A correction (its void and its replacement, linked) comes back linked.
        var corrected = await ledger.Postings.CorrectAsync(alice.Actor, bookId, coffee.Id, new PostTransaction(bookId, coffee.Date,
            "Coffee and cake", null, [new PostingLine(accounts["Café ☕ Ünïcödé"], 4_95, null), new PostingLine(accounts["[Card] | 💳"], -4_95, null)]));
        Assert.True(corrected.Succeeded, corrected.Message);
        await PostAsync(new DateOnly(2026, 2, 1), "Rent February", "Hausverwaltung Weiß",
            ("Rent: flat", 700_00, null), ("Rent- flat", 50_00, "Nebenkosten: 50 %"), ("Garage", 60_00, null), ("Housing", 5_00, null),
            ("Girokonto: main; 1st", -815_00, "Dauerauftrag"));
        await PostAsync(new DateOnly(2026, 1, 12), "Cafe\u0301 with the old card", "Cafe\u0301 Olé",
            ("Cafe\u0301 decomposed", 12_00, "cafe\u0301"), ("Old card", -12_00, null));
        await PostAsync(new DateOnly(2026, 1, 20), "Old card paid off", null, ("Old card", 12_00, null), ("Girokonto: main; 1st", -12_00, null));
        var mistake = await PostAsync(new DateOnly(2026, 1, 15), "Double charge", "[Card] | issuer",
            ("Café ☕ Ünïcödé", 12_00, "oops"), ("[Card] | 💳", -12_00, null));
        Assert.True((await ledger.Postings.VoidAsync(alice.Actor, bookId, mistake.Id)).Succeeded);
        // Posted last but dated first: the journal is in date order, the numbers are not.
        await PostAsync(new DateOnly(2025, 12, 31), "Sushi ; 寿司", null, ("Yen\twallet  円", -3_200, null), ("Opening yen", 3_200, null));
        // January's statement: the opening and the salary, 10.00 short, made up by an adjustment; paying off the old card is
        // cleared but on no statement yet, and so is one side of the coffee.
        var reconciliations = ledger.Services.GetRequiredService<ReconciliationService>();
        var giro = accounts["Girokonto: main; 1st"];
        var start = (await reconciliations.StartAsync(alice.Actor, bookId, giro, new DateOnly(2026, 1, 31))).Value!;
        var finished = await reconciliations.FinishAsync(alice.Actor, new FinishReconciliation(bookId, giro, new DateOnly(2026, 1, 31), 6_690_00,
            start.Postings.Where(p => p.Description is "Opening balances" or "Salary: January").Select(p => p.PostingId).ToList(),
            AdjustmentAccountId: accounts["Opening balances"]));
        Assert.True(finished.Succeeded, finished.Message);
        // A statement with nothing new on it reconciles no posting, and is kept all the same.
        var quiet = await reconciliations.FinishAsync(alice.Actor, new FinishReconciliation(bookId, accounts["Cash \"wallet\""], new DateOnly(2026, 1, 31), 0, []));
        Assert.True(quiet.Succeeded, quiet.Message);
        var paidOff = start.Postings.Single(p => p.Description == "Old card paid off").PostingId;
        Assert.True((await reconciliations.SetStateAsync(alice.Actor, new SetPostingState(bookId, giro, paidOff, PostingState.Cleared))).Succeeded);
        var card = (await reconciliations.StartAsync(alice.Actor, bookId, accounts["[Card] | 💳"], new DateOnly(2026, 1, 31))).Value!;
        var coffeeOnCard = card.Postings.First(p => p.Description == "Coffee and cake").PostingId;
        Assert.True((await reconciliations.SetStateAsync(alice.Actor, new SetPostingState(bookId, null, coffeeOnCard, PostingState.Cleared))).Succeeded);
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, bookId, accounts["Old card"], archived: true)).Succeeded);
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, bookId, accounts["Never used"], archived: true)).Succeeded);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<TransactionDto> PostAsync(DateOnly date, string description, string? payee, params (string Account, long Amount, string? Memo)[] lines)
    {
        var result = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(bookId, date, description, payee,
            lines.Select(l => new PostingLine(accounts[l.Account], l.Amount, l.Memo)).ToList()));
        Assert.True(result.Succeeded, result.Message + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    private async Task<string> ExportAsync(Guid book)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var result = await ledger.Services.GetRequiredService<BookExportService>().WriteAsync(alice.Actor, book, ExportFormat.Hledger, _ => writer);
        Assert.True(result.Succeeded, result.Message);
        return writer.ToString();
    }

    private async Task<List<(string, string?, AccountType, string, bool, long, string?)>> AccountsOfAsync(Guid book)
    {
        var chart = (await ledger.Accounts.ListAsync(alice.Actor, book)).Value!;
        var names = chart.ToDictionary(a => a.Id, a => a.Name);
        return chart.Select(a => (a.Name, a.Code, a.Type, a.Currency, a.Archived, a.Balance, a.ParentId is { } parent ? names[parent] : null))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each reconciliation of the book, one line each: its account, statement, postings, adjustment and time.</summary>
    private async Task<List<string>> ReconciliationsOfAsync(Guid book)
    {
        await using var db = await ledger.DbAsync();
        var rows = await db.Reconciliations.AsNoTracking().Where(r => r.BookId == book)
            .Select(r => new
            {
                Account = db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.Name).Single(),
                r.StatementDate, r.StatementBalance, r.PostingCount, r.ReconciledAt,
                Adjustment = db.Transactions.Where(t => t.Id == r.AdjustmentTransactionId).Select(t => (long?)t.Number).FirstOrDefault(),
                Postings = db.Postings.Where(p => p.ReconciliationId == r.Id).OrderBy(p => p.Id)
                    .Select(p => new { p.Transaction!.Number, p.Amount, p.State }).ToList(),
            })
            .ToListAsync();
        return rows.Select(r => $"[{r.Account}] {r.StatementDate:yyyy-MM-dd} {r.StatementBalance} count {r.PostingCount} adjustment {r.Adjustment} " +
                $"at {r.ReconciledAt:O}: {string.Join(" / ", r.Postings.Select(p => $"{p.Number} {p.Amount} {p.State}"))}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> TransactionsOfAsync(Guid book)
    {
        await using var db = await ledger.DbAsync();
        var rows = await db.Transactions.AsNoTracking().Where(t => t.BookId == book).OrderBy(t => t.Number)
            .Select(t => new
            {
                t.Number, t.Date, t.Description, t.Payee,
                Reverses = db.Transactions.Where(o => o.Id == t.ReversesId).Select(o => (long?)o.Number).FirstOrDefault(),
                Corrects = db.Transactions.Where(o => o.Id == t.CorrectsId).Select(o => (long?)o.Number).FirstOrDefault(),
                Postings = t.Postings.OrderBy(p => p.Id).Select(p => new { p.Account!.Name, p.Amount, p.Memo, p.Date, p.State }).ToList(),
                Tags = t.Tags.Select(g => g.Tag).ToList(),
            })
            .ToListAsync();
        // One line per transaction, every field visible, so that a difference shows where it is.
        return rows.Select(t => $"{t.Number} {t.Date:yyyy-MM-dd} [{t.Description}] [{t.Payee}] reverses {t.Reverses} corrects {t.Corrects} tags [{string.Join(" ", t.Tags.Order(StringComparer.Ordinal))}]: " +
            string.Join(" / ", t.Postings.Select(p => $"[{p.Name}] {p.Amount} [{p.Memo}] {p.Date:yyyy-MM-dd} {p.State}"))).ToList();
    }

    [DbFact]
    public async Task The_journal_export_restores_into_a_new_book_with_the_same_accounts_transactions_numbers_and_balances()
    {
        var journal = await ExportAsync(bookId);
        Assert.True(journal.ReplaceLineEndings("\n").Contains("    ; tags: acme/2026 größe income\n", StringComparison.Ordinal), journal);
        var path = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.journal");
        await File.WriteAllTextAsync(path, journal);
        try
        {
            var check = await PlainTextTools.RunAsync("hledger", "-f", path, "check", "--strict", "ordereddates");
            Assert.True(check.Exit == 0, $"hledger refused the journal:\n{check.Error}\n{journal}");
            var ledgerCheck = await PlainTextTools.RunAsync("ledger", "-f", path, "--pedantic", "balance");
            Assert.True(ledgerCheck.Exit == 0 && ledgerCheck.Error.Length == 0, $"Ledger refused the journal:\n{ledgerCheck.Error}\n{journal}");
        }
        finally
        {
            File.Delete(path);
        }

        var restored = await Restore.RestoreAsync(alice.Actor, "Household (restored)", Encoding.UTF8.GetBytes(journal));

        Assert.True(restored.Succeeded, restored.Message + "\n" + string.Join("\n", restored.Errors.SelectMany(e => e.Value)) + "\n" + journal);
        Assert.Equal(ResultStatus.Created, restored.Status);
        var book = restored.Value!;
        Assert.Equal(("Household (restored)", "EUR", BookRole.Owner), (book.Name, book.BaseCurrency, book.Role));
        Assert.Equal(await AccountsOfAsync(bookId), await AccountsOfAsync(book.Id));
        var original = await TransactionsOfAsync(bookId);
        Assert.Equal(12, original.Count);
        Assert.Single(original, t => t.Contains("[Coffee and cake] [] reverses  corrects 3 ", StringComparison.Ordinal));
        Assert.Equal(3, original.Sum(t => t.Split(" Reconciled").Length - 1));
        Assert.Equal(2, original.Sum(t => t.Split(" Cleared").Length - 1));
        Assert.Equal(original, await TransactionsOfAsync(book.Id));
        var reconciled = await ReconciliationsOfAsync(bookId);
        Assert.Equal(["[Cash \"wallet\"] 2026-01-31 0 count 0 adjustment ", "[Girokonto: main; 1st] 2026-01-31 669000 count 3 adjustment 12"],
            reconciled.Select(r => r[..r.IndexOf(" at ", StringComparison.Ordinal)]));
        Assert.Equal(reconciled, await ReconciliationsOfAsync(book.Id));
        await using (var db = await ledger.DbAsync())
        {
            Assert.Equal(12, await db.Books.Where(b => b.Id == book.Id).Select(b => b.TransactionCount).SingleAsync());
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.BookId == book.Id && a.Action == "book.restored"));
            Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.BookId == book.Id && a.Action == "transaction.voided"));
        }
        await ledger.AssertInvariantsAsync();
        // The restored book's journal is the original's, but for the book's name on its first line.
        var again = await ExportAsync(book.Id);
        Assert.Equal(journal[journal.IndexOf('\n')..], again[again.IndexOf('\n')..]);
    }

    [DbFact]
    public async Task A_journal_that_cannot_be_restored_whole_is_refused_with_its_lines_and_nothing_is_created()
    {
        var journal = (await ExportAsync(bookId))
            .Replace("2026-02-01 (6)", "2028-02-01 (6)")
            .Replace(":Salary  -4200.00 EUR", ":Salary  -4200.01 EUR");
        var before = await ledger.SnapshotAsync();

        var result = await Restore.RestoreAsync(alice.Actor, "Restored", Encoding.UTF8.GetBytes(journal));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        var errors = result.Errors[JournalRestoreService.JournalField];
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("Line ", StringComparison.Ordinal) && e.Contains("do not balance", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Line ", StringComparison.Ordinal) && e.Contains("2028-02-01 is more than a year ahead", StringComparison.Ordinal));
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(2, (await ledger.Books.ListAsync(alice.Actor)).Count);
    }

    [DbFact]
    public async Task A_restore_stopped_halfway_takes_its_new_book_away_again()
    {
        var journal = Encoding.UTF8.GetBytes(await ExportAsync(bookId));
        using var stop = new CancellationTokenSource();
        var notifier = ledger.Services.GetRequiredService<BookChangeNotifier>();
        // Cancelled once the restore has created its book and first account: the next step sees the cancellation.
        void OnChange(BookChange change)
        {
            if (change.BookId != bookId && change.Kind == BookChangeKind.Accounts)
            {
                stop.Cancel();
            }
        }
        notifier.Changed += OnChange;
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Restore.RestoreAsync(alice.Actor, "Restored", journal, stop.Token));
        }
        finally
        {
            notifier.Changed -= OnChange;
        }

        Assert.Equal(["Household: ours; 2026 | ☕", "alice's book"], (await ledger.Books.ListAsync(alice.Actor)).Select(b => b.Name).Order(StringComparer.Ordinal));
        await using var db = await ledger.DbAsync();
        var restoredId = await db.AuditEvents.Where(a => a.Action == "book.restore-undone").Select(a => a.BookId).SingleAsync();
        Assert.False(await db.Accounts.AnyAsync(a => a.BookId == restoredId));
        Assert.False(await db.Books.AnyAsync(b => b.Id == restoredId));
    }

    [DbFact]
    public async Task A_restore_needs_a_name_for_the_new_book()
    {
        var result = await Restore.RestoreAsync(alice.Actor, "  ", Encoding.UTF8.GetBytes(await ExportAsync(bookId)));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Name", result.Errors.Keys);
        Assert.Equal(2, (await ledger.Books.ListAsync(alice.Actor)).Count);
    }
}

[Collection(PlainTextToolsCollection.Name)]
public sealed class JournalRestoreTestsOnSqlite : JournalRestoreTests;

[Collection(PlainTextToolsCollection.Name)]
public sealed class JournalRestoreTestsOnPostgres : JournalRestoreTests, IOnPostgres;
