using System.Globalization;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;
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
/// memos, payees, archived accounts, and a void; transactions posted out of date order.
/// </summary>
public abstract class JournalRestoreTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid bookId;
    private readonly Dictionary<string, Guid> accounts = [];

    private JournalRestoreService Restore => ledger.Services.GetRequiredService<JournalRestoreService>();

    private static readonly (string Name, string? Code, AccountType Type, string Currency)[] Chart =
    [
        ("Girokonto: main; 1st", "1000", AccountType.Asset, "EUR"),
        ("Cash \"wallet\"", null, AccountType.Asset, "USD"),
        ("cash wallet", "1010", AccountType.Asset, "USD"),
        ("Yen\twallet  円", null, AccountType.Asset, "JPY"),
        ("[Card] | 💳", "2000, Visa", AccountType.Liability, "EUR"),
        ("Old card", "2100", AccountType.Liability, "EUR"),
        ("Opening balances", "3000", AccountType.Equity, "EUR"),
        ("Opening dollars", null, AccountType.Equity, "USD"),
        ("Opening yen", null, AccountType.Equity, "JPY"),
        ("Salary", "4000", AccountType.Income, "EUR"),
        ("Café ☕ Ünïcödé", null, AccountType.Expense, "EUR"),
        ("Cafe\u0301 decomposed", null, AccountType.Expense, "EUR"),
        ("Rent: flat", "5100", AccountType.Expense, "EUR"),
        ("Rent- flat", null, AccountType.Expense, "EUR"),
        ("Never used", "9999", AccountType.Expense, "USD"),
    ];

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        var book = await ledger.Books.CreateAsync(alice.Actor, "Household: ours; 2026 | ☕", "EUR");
        bookId = book.Value!.Id;
        foreach (var (name, code, type, currency) in Chart)
        {
            var created = await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(bookId, name, code, type, currency));
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
            ("Rent: flat", 700_00, null), ("Rent- flat", 50_00, "Nebenkosten: 50 %"), ("Girokonto: main; 1st", -750_00, "Dauerauftrag"));
        await PostAsync(new DateOnly(2026, 1, 12), "Cafe\u0301 with the old card", "Cafe\u0301 Olé",
            ("Cafe\u0301 decomposed", 12_00, "cafe\u0301"), ("Old card", -12_00, null));
        await PostAsync(new DateOnly(2026, 1, 20), "Old card paid off", null, ("Old card", 12_00, null), ("Girokonto: main; 1st", -12_00, null));
        var mistake = await PostAsync(new DateOnly(2026, 1, 15), "Double charge", "[Card] | issuer",
            ("Café ☕ Ünïcödé", 12_00, "oops"), ("[Card] | 💳", -12_00, null));
        Assert.True((await ledger.Postings.VoidAsync(alice.Actor, bookId, mistake.Id)).Succeeded);
        // Posted last but dated first: the journal is in date order, the numbers are not.
        await PostAsync(new DateOnly(2025, 12, 31), "Sushi ; 寿司", null, ("Yen\twallet  円", -3_200, null), ("Opening yen", 3_200, null));
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

    private async Task<List<(string, string?, AccountType, string, bool, long)>> AccountsOfAsync(Guid book) =>
        (await ledger.Accounts.ListAsync(alice.Actor, book)).Value!
            .Select(a => (a.Name, a.Code, a.Type, a.Currency, a.Archived, a.Balance)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

    private async Task<List<string>> TransactionsOfAsync(Guid book)
    {
        await using var db = await ledger.DbAsync();
        var rows = await db.Transactions.AsNoTracking().Where(t => t.BookId == book).OrderBy(t => t.Number)
            .Select(t => new
            {
                t.Number, t.Date, t.Description, t.Payee,
                Reverses = db.Transactions.Where(o => o.Id == t.ReversesId).Select(o => (long?)o.Number).FirstOrDefault(),
                Corrects = db.Transactions.Where(o => o.Id == t.CorrectsId).Select(o => (long?)o.Number).FirstOrDefault(),
                Postings = t.Postings.OrderBy(p => p.Id).Select(p => new { p.Account!.Name, p.Amount, p.Memo, p.Date }).ToList(),
                Tags = t.Tags.Select(g => g.Tag).ToList(),
            })
            .ToListAsync();
        // One line per transaction, every field visible, so that a difference shows where it is.
        return rows.Select(t => $"{t.Number} {t.Date:yyyy-MM-dd} [{t.Description}] [{t.Payee}] reverses {t.Reverses} corrects {t.Corrects} tags [{string.Join(" ", t.Tags.Order(StringComparer.Ordinal))}]: " +
            string.Join(" / ", t.Postings.Select(p => $"[{p.Name}] {p.Amount} [{p.Memo}] {p.Date:yyyy-MM-dd}"))).ToList();
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
        Assert.Equal(11, original.Count);
        Assert.Single(original, t => t.Contains("[Coffee and cake] [] reverses  corrects 3 ", StringComparison.Ordinal));
        Assert.Equal(original, await TransactionsOfAsync(book.Id));
        await using (var db = await ledger.DbAsync())
        {
            Assert.Equal(11, await db.Books.Where(b => b.Id == book.Id).Select(b => b.TransactionCount).SingleAsync());
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
