using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Export;

/// <summary>
/// The journal exports, checked by the tools they are for: hledger accepts the journal strictly and prints the app's
/// balances, and so does Ledger; bean-check accepts the Beancount file. The book is made to be awkward: names with quotes, semicolons, colons,
/// tabs, leading digits and non-Latin scripts, several currencies (with 0, 2 and 3 decimals), memos, payees, a void, and a
/// sub-account, which the journals name under its parent.
/// </summary>
[Collection(PlainTextToolsCollection.Name)]
public sealed class JournalExportTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser owner = default!;
    private readonly Dictionary<string, Guid> accounts = [];
    private readonly string folder = Directory.CreateTempSubdirectory("ledger-export-").FullName;

    private BookExportService Export => ledger.Services.GetRequiredService<BookExportService>();

    /// <summary>Each account of the awkward book: its name in the app, and in each export.</summary>
    private static readonly (string Name, AccountType Type, string Currency, string Hledger, string Beancount)[] Awkward =
    [
        ("Cash \"wallet\"", AccountType.Asset, "USD", "Assets:Cash \"wallet\"", "Assets:Cash-Wallet"),
        ("cash wallet", AccountType.Asset, "USD", "Assets:cash wallet", "Assets:Cash-Wallet-2"),
        ("1st; checking: main", AccountType.Asset, "USD", "Assets:1st; checking- main", "Assets:1st-Checking-Main"),
        ("Yen\twallet  円", AccountType.Asset, "JPY", "Assets:Yen wallet 円", "Assets:Yen-Wallet-円"),
        ("Dinar (BH)", AccountType.Asset, "BHD", "Assets:Dinar (BH)", "Assets:Dinar-BH"),
        ("[Card] | 💳", AccountType.Liability, "USD", "Liabilities:[Card] | 💳", "Liabilities:Card"),
        ("Opening balances", AccountType.Equity, "USD", "Equity:Opening balances", "Equity:Opening-Balances"),
        ("Opening yen", AccountType.Equity, "JPY", "Equity:Opening yen", "Equity:Opening-Yen"),
        ("Opening dinar", AccountType.Equity, "BHD", "Equity:Opening dinar", "Equity:Opening-Dinar"),
        ("Salary", AccountType.Income, "USD", "Income:Salary", "Income:Salary"),
        ("Café ☕ Ünïcödé", AccountType.Expense, "USD", "Expenses:Café ☕ Ünïcödé", "Expenses:Café-Ünïcödé"),
        ("食品", AccountType.Expense, "JPY", "Expenses:食品", "Expenses:X-食品"),
        ("éclair", AccountType.Expense, "USD", "Expenses:Café ☕ Ünïcödé:éclair", "Expenses:Café-Ünïcödé:Éclair"),
        ("☕☕", AccountType.Expense, "USD", "Expenses:☕☕", "Expenses:Account"),
        ("Fees", AccountType.Expense, "BHD", "Expenses:Fees", "Expenses:Fees"),
    ];

    public async Task InitializeAsync()
    {
        ledger = TestLedger.InMemory();
        owner = await ledger.CreateUserAsync();
        foreach (var (name, type, currency, _, _) in Awkward)
        {
            accounts[name] = await ledger.CreateAccountAsync(owner, name, type, currency);
        }
        var moved = await ledger.Accounts.UpdateAsync(owner.Actor, new UpdateAccount(owner.BookId, accounts["éclair"], 1, "éclair", null,
            AccountType.Expense, "USD", ParentId: accounts["Café ☕ Ünïcödé"]));
        Assert.True(moved.Succeeded, moved.Message);
        await PostAsync(new DateOnly(2026, 1, 1), "Opening; \"balances\" | start", null,
            ("Cash \"wallet\"", 10_000_00, null), ("1st; checking: main", 250_000_00, "from; the old bank, ref: 17"), ("Opening balances", -260_000_00, null));
        await PostAsync(new DateOnly(2026, 1, 1), "Yen and dinars", "Bank | of \"Tokyo\"",
            ("Yen\twallet  円", 1_000_000, null), ("Opening yen", -1_000_000, null), ("Dinar (BH)", 12_345, null), ("Opening dinar", -12_345, null));
        await PostAsync(new DateOnly(2026, 1, 31), "Salary January", "ACME",
            ("1st; checking: main", 4_200_00, null), ("Salary", -4_200_00, null));
        await PostAsync(new DateOnly(2026, 1, 5), "Coffee ☕", null, ("Café ☕ Ünïcödé", 4_75, "tab\there"), ("[Card] | 💳", -4_75, null));
        await PostAsync(new DateOnly(2026, 1, 6), "Sushi", null, ("食品", 3_200, null), ("Yen\twallet  円", -3_200, null));
        var pastry = await PostAsync(new DateOnly(2026, 1, 7), "Pastry", null, ("éclair", 3_10, null), ("cash wallet", -3_10, null));
        // Beancount's tags are ASCII: "treats" is one, "café" stays as metadata.
        var tagged = await ledger.Postings.AmendAsync(owner.Actor, new AmendTransaction(owner.BookId, pastry.Id, pastry.Version, pastry.Description,
            pastry.Payee, pastry.Postings.Select(p => p.Memo).ToList(), ["treats", "café"]));
        Assert.True(tagged.Succeeded, tagged.Message);
        var fee = await PostAsync(new DateOnly(2026, 1, 8), "Bank fee", null, ("Fees", 1_500, null), ("Dinar (BH)", -1_500, null));
        var corrected = await ledger.Postings.CorrectAsync(owner.Actor, owner.BookId, fee.Id, new PostTransaction(owner.BookId, fee.Date, "Bank fee",
            null, [new PostingLine(accounts["Fees"], 1_250), new PostingLine(accounts["Dinar (BH)"], -1_250)]));
        Assert.True(corrected.Succeeded, corrected.Message);
        var mistake = await PostAsync(new DateOnly(2026, 1, 9), "Double charge", null, ("☕☕", 12_00, null), ("[Card] | 💳", -12_00, null));
        var voided = await ledger.Postings.VoidAsync(owner.Actor, owner.BookId, mistake.Id);
        Assert.True(voided.Succeeded, voided.Message);
    }

    public async Task DisposeAsync()
    {
        await ledger.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<TransactionDto> PostAsync(DateOnly date, string description, string? payee, params (string Account, long Amount, string? Memo)[] lines)
    {
        var result = await ledger.Postings.PostAsync(owner.Actor, new PostTransaction(owner.BookId, date, description, payee,
            lines.Select(l => new PostingLine(accounts[l.Account], l.Amount, l.Memo)).ToList()));
        Assert.True(result.Succeeded, result.Message + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    private async Task<string> ExportToFileAsync(ExportFormat format, string extension)
    {
        var path = Path.Combine(folder, "book." + extension);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        ExportFile? file = null;
        var result = await Export.WriteAsync(owner.Actor, owner.BookId, format, f =>
        {
            file = f;
            return writer;
        });
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(11, result.Value);
        Assert.EndsWith("." + extension, file!.FileName);
        await File.WriteAllTextAsync(path, writer.ToString());
        return path;
    }

    [Fact]
    public async Task Hledger_accepts_the_journal_strictly_and_prints_the_same_balances_as_the_app()
    {
        var path = await ExportToFileAsync(ExportFormat.Hledger, "journal");

        var check = await PlainTextTools.RunAsync("hledger", "-f", path, "check", "--strict", "ordereddates");
        Assert.True(check.Exit == 0, $"hledger check refused the journal:\n{check.Error}\n{await File.ReadAllTextAsync(path)}");

        var balances = await PlainTextTools.RunAsync("hledger", "-f", path, "balance", "--flat", "--empty", "--no-total", "-O", "csv");
        Assert.True(balances.Exit == 0, balances.Error);
        var printed = balances.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(ParseCsvLine)
            .ToDictionary(f => f[0], f => f[1]);
        var expected = await ExpectedBalancesAsync();
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), printed.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ledger_reads_the_journal_and_prints_the_same_balances_as_the_app()
    {
        var path = await ExportToFileAsync(ExportFormat.Hledger, "journal");

        var balances = await PlainTextTools.RunAsync("ledger", "-f", path, "balance", "--flat", "--empty", "--no-total",
            "--format", "%(account)\t%(display_total)\n");

        Assert.True(balances.Exit == 0 && balances.Error.Length == 0, $"Ledger refused the journal:\n{balances.Error}");
        var printed = balances.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => f[1]);
        // Ledger's flat balance of a parent takes in its sub-accounts', as the app's roll-up does.
        Assert.Equal((await ExpectedBalancesAsync(rolledUp: true)).OrderBy(e => e.Key, StringComparer.Ordinal), printed.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    /// <summary>Each account's balance in the app, as the tools print it: "-12.50 USD", or "0"; its own, or with its sub-accounts'.</summary>
    private async Task<Dictionary<string, string>> ExpectedBalancesAsync(bool rolledUp = false)
    {
        var app = (await ledger.Accounts.ListAsync(owner.Actor, owner.BookId)).Value!;
        return Awkward.ToDictionary(a => a.Hledger, a =>
        {
            var account = app.Single(x => x.Name == a.Name.Trim());
            var balance = account.Balance + (rolledUp ? app.Where(x => x.ParentId == account.Id).Sum(x => x.Balance) : 0);
            return balance == 0 ? "0" : $"{Money.ToDecimalString(balance, account.Currency, CultureInfo.InvariantCulture)} {account.Currency}";
        });
    }

    [Fact]
    public async Task Hledger_reads_the_account_types_and_the_reversal_of_the_void()
    {
        var path = await ExportToFileAsync(ExportFormat.Hledger, "journal");

        var types = await PlainTextTools.RunAsync("hledger", "-f", path, "accounts", "--types");
        var print = await PlainTextTools.RunAsync("hledger", "-f", path, "print", "desc:Double charge");

        Assert.Contains("Liabilities:[Card] | 💳", types.Output.Split('\n').Single(l => l.Contains("; type: L", StringComparison.Ordinal)));
        Assert.Contains("Income:Salary", types.Output.Split('\n').Single(l => l.Contains("; type: R", StringComparison.Ordinal)));
        Assert.Equal(2, print.Output.Split('\n').Count(l => l.StartsWith("2026-01-09", StringComparison.Ordinal)));
        Assert.Contains("Void: Double charge", print.Output);
    }

    [Fact]
    public async Task Bean_check_accepts_the_Beancount_file_with_every_account_under_a_valid_name()
    {
        var path = await ExportToFileAsync(ExportFormat.Beancount, "beancount");

        var check = await PlainTextTools.RunAsync("bean-check", path);

        Assert.True(check.Exit == 0 && check.Error.Trim().Length == 0, $"bean-check refused the file:\n{check.Error}\n{await File.ReadAllTextAsync(path)}");
        var text = await File.ReadAllTextAsync(path);
        foreach (var account in Awkward)
        {
            Assert.Contains($" open {account.Beancount} {account.Currency}\n", text);
        }
        Assert.Contains("\"Pastry\" #treats\n", text);
        Assert.Contains("  tags: \"café\"\n", text);
        Assert.Matches(@"\* ""Bank fee""\n  number: ""\d+""\n  corrects: ""7""\n", text);
    }

    [Fact]
    public async Task Outsiders_get_not_found_and_nothing_is_opened()
    {
        var outsider = await ledger.CreateUserAsync("olaf");
        var opened = false;

        var result = await Export.WriteAsync(outsider.Actor, owner.BookId, ExportFormat.Hledger, _ =>
        {
            opened = true;
            return TextWriter.Null;
        });

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.False(opened);
    }

    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
