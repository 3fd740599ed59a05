using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Export;
using BlazorLedger.Tests.Infrastructure;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reports;

/// <summary>The income statement and the balance sheet agree with hledger's balances over the book's own journal.</summary>
[Collection(PlainTextToolsCollection.Name)]
public sealed class ReportOracleTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser owner = default!;
    private readonly Dictionary<string, Guid> accounts = [];
    private readonly string folder = Directory.CreateTempSubdirectory("ledger-reports-").FullName;

    private ReportService Reports => ledger.Services.GetRequiredService<ReportService>();

    private static readonly (string Name, AccountType Type, string Currency)[] Chart =
    [
        ("Checking", AccountType.Asset, "USD"), ("Card", AccountType.Liability, "USD"), ("Opening", AccountType.Equity, "USD"),
        ("Salary", AccountType.Income, "USD"), ("Groceries", AccountType.Expense, "USD"), ("Rent", AccountType.Expense, "USD"),
        ("Yen", AccountType.Asset, "JPY"), ("Gifts", AccountType.Income, "JPY"), ("Sushi", AccountType.Expense, "JPY"),
    ];

    public async Task InitializeAsync()
    {
        ledger = TestLedger.InMemory();
        owner = await ledger.CreateUserAsync();
        foreach (var (name, type, currency) in Chart)
        {
            accounts[name] = await ledger.CreateAccountAsync(owner, name, type, currency);
        }
        var random = new Random(7);
        var day = new DateOnly(2023, 12, 1);
        await PostAsync(day, ("Checking", 5_000_00), ("Opening", -5_000_00));
        for (var i = 0; i < 200; i++)
        {
            day = day.AddDays(random.Next(0, 3));
            var amount = random.NextInt64(1_00, 300_00);
            var posted = (i % 5) switch
            {
                0 => await PostAsync(day, ("Checking", amount * 10), ("Salary", -amount * 10)),
                1 => await PostAsync(day, ("Groceries", amount), ("Card", -amount)),
                2 => await PostAsync(day, ("Rent", amount * 3), ("Checking", -amount * 3)),
                3 => await PostAsync(day, ("Yen", amount), ("Gifts", -amount)),
                _ => await PostAsync(day, ("Sushi", amount / 10 + 1), ("Yen", -(amount / 10 + 1)), ("Groceries", -5_00), ("Checking", 5_00)),
            };
            if (i % 17 == 0)
            {
                Assert.True((await ledger.Postings.VoidAsync(owner.Actor, owner.BookId, posted.Id)).Succeeded);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await ledger.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<TransactionDto> PostAsync(DateOnly date, params (string Account, long Amount)[] lines)
    {
        var result = await ledger.Postings.PostAsync(owner.Actor, new PostTransaction(owner.BookId, date, "Entry", null,
            lines.Select(l => new PostingLine(accounts[l.Account], l.Amount)).ToList()));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private async Task<string> JournalAsync()
    {
        var path = Path.Combine(folder, "book.journal");
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var result = await ledger.Services.GetRequiredService<BookExportService>().WriteAsync(owner.Actor, owner.BookId, ExportFormat.Hledger, _ => writer);
        Assert.True(result.Succeeded, result.Message);
        await File.WriteAllTextAsync(path, writer.ToString());
        return path;
    }

    /// <summary>hledger's balance of each account (those not zero) over the dates, as "Type:Name" → "-12.50 USD".</summary>
    private static async Task<Dictionary<string, string>> HledgerAsync(string path, DateOnly? from, DateOnly to, params string[] roots)
    {
        var arguments = new List<string> { "-f", path, "balance", "--flat", "--no-total", "-O", "csv", "-e", to.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (from is { } start)
        {
            arguments.AddRange(["-b", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        }
        arguments.AddRange(roots.Select(r => $"^{r}:"));
        var run = await PlainTextTools.RunAsync("hledger", [.. arguments]);
        Assert.True(run.Exit == 0, run.Error);
        using var csv = CsvReader.FromText(run.Output, new CsvReaderOptions { HasHeader = true });
        var balances = new Dictionary<string, string>();
        while (csv.Read())
        {
            if (csv.GetString(1) is { } amount && amount != "0")
            {
                balances[csv.GetString(0)!] = amount;
            }
        }
        return balances;
    }

    /// <summary>A report line back in hledger's signs and form.</summary>
    private static KeyValuePair<string, string> Hledger(ReportLine line, string currency, bool natural) =>
        new($"{Root(line.Type)}:{line.Name}", $"{Money.ToDecimalString(natural ? line.Amount : -line.Amount, currency, CultureInfo.InvariantCulture)} {currency}");

    private static string Root(AccountType type) => HledgerFormat.Root(type);

    [Theory]
    [InlineData("2024-01-01", "2024-12-31")]
    [InlineData("2024-02-01", "2024-02-29")]
    [InlineData("2023-12-02", "2023-12-03")]
    public async Task The_income_statement_equals_hledgers_income_and_expense_balances(string from, string to)
    {
        var period = new ReportPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));

        var statement = (await Reports.IncomeStatementAsync(owner.Actor, owner.BookId, period)).Value!;
        var hledger = await HledgerAsync(await JournalAsync(), period.From, period.To, "Income", "Expenses");

        var ours = statement.Currencies.SelectMany(c => c.Income.Select(l => Hledger(l, c.Currency, natural: false))
            .Concat(c.Expenses.Select(l => Hledger(l, c.Currency, natural: true))));
        Assert.NotEmpty(hledger);
        Assert.Equal(hledger.OrderBy(e => e.Key, StringComparer.Ordinal), ours.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2023-12-01")]
    [InlineData("2024-02-29")]
    [InlineData("2024-06-30")]
    public async Task The_balance_sheet_equals_hledgers_balances_up_to_the_date(string at)
    {
        var date = DateOnly.Parse(at, CultureInfo.InvariantCulture);

        var sheet = (await Reports.BalanceSheetAsync(owner.Actor, owner.BookId, date)).Value!;
        var path = await JournalAsync();
        var hledger = await HledgerAsync(path, null, date, "Assets", "Liabilities", "Equity");
        var earnings = await HledgerAsync(path, null, date, "Income", "Expenses");

        var ours = sheet.Currencies.SelectMany(c => c.Assets.Select(l => Hledger(l, c.Currency, natural: true))
            .Concat(c.Liabilities.Concat(c.Equity).Select(l => Hledger(l, c.Currency, natural: false))));
        Assert.NotEmpty(hledger);
        Assert.Equal(hledger.OrderBy(e => e.Key, StringComparer.Ordinal), ours.OrderBy(e => e.Key, StringComparer.Ordinal));
        foreach (var currency in sheet.Currencies)
        {
            var theirs = earnings.Values.Where(v => v.EndsWith(" " + currency.Currency, StringComparison.Ordinal))
                .Sum(v => decimal.Parse(v.Split(' ')[0], CultureInfo.InvariantCulture));
            Assert.Equal(-theirs, Money.ToDecimalString(currency.RetainedEarnings, currency.Currency, CultureInfo.InvariantCulture) is var s
                ? decimal.Parse(s, CultureInfo.InvariantCulture) : 0);
            Assert.True(currency.Balances);
        }
    }
}
