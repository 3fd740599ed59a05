using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reports;

/// <summary>Each report against sums computed independently from the postings, on each provider.</summary>
public abstract class ReportServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, card, opening, salary, groceries, rent, euros, eurFood, eurIncome;

    private ReportService Reports => ledger.Services.GetRequiredService<ReportService>();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        card = await ledger.CreateAccountAsync(alice, "Card", AccountType.Liability);
        opening = await ledger.CreateAccountAsync(alice, "Opening", AccountType.Equity);
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
        rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
        euros = await ledger.CreateAccountAsync(alice, "Euro cash", currency: "EUR");
        eurFood = await ledger.CreateAccountAsync(alice, "Euro food", AccountType.Expense, "EUR");
        eurIncome = await ledger.CreateAccountAsync(alice, "Euro gifts", AccountType.Income, "EUR");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<TransactionDto> PostAsync(string date, string description, params (Guid Account, long Amount)[] lines)
    {
        var result = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, D(date), description, null,
            lines.Select(l => new PostingLine(l.Account, l.Amount)).ToList()));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    /// <summary>Period edges (first and last days, a leap day), a split, a void, two currencies.</summary>
    private async Task SeedAsync()
    {
        await PostAsync("2023-12-31", "Opening", (checking, 1_000_00), (opening, -1_000_00));
        await PostAsync("2024-01-01", "Salary", (checking, 3_000_00), (salary, -3_000_00));
        await PostAsync("2024-01-31", "Shop and rent", (groceries, 120_00), (rent, 900_00), (card, -120_00), (checking, -900_00));
        await PostAsync("2024-02-29", "Leap shop", (groceries, 45_50), (checking, -45_50));
        var wrong = await PostAsync("2024-02-15", "Mistake", (groceries, 999_00), (checking, -999_00));
        await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, wrong.Id);
        await PostAsync("2024-03-01", "Refund", (checking, 20_00), (groceries, -20_00));
        await PostAsync("2024-03-01", "Pay card", (card, 120_00), (checking, -120_00));
        await PostAsync("2024-02-10", "Gift", (euros, 50_00), (eurIncome, -50_00));
        await PostAsync("2024-02-11", "Bakery", (eurFood, 7_25), (euros, -7_25));
    }

    /// <summary>The postings' sum per account over a date range, straight from the postings table.</summary>
    private async Task<Dictionary<Guid, long>> PostingSumsAsync(DateOnly? from, DateOnly to)
    {
        await using var db = await ledger.DbAsync();
        return await db.Postings.Where(p => (from == null || p.Date >= from) && p.Date <= to)
            .GroupBy(p => p.AccountId).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum);
    }

    [DbFact]
    public async Task The_income_statement_adds_up_the_postings_of_the_period_per_currency()
    {
        await SeedAsync();
        var period = new ReportPeriod(D("2024-01-01"), D("2024-02-29"));

        var statement = (await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, period)).Value!;

        var sums = await PostingSumsAsync(period.From, period.To);
        var usd = statement.Currencies.Single(c => c.Currency == "USD");
        Assert.Equal([("Salary", -sums[salary])], usd.Income.Select(l => (l.Name, l.Amount)));
        Assert.Equal([("Groceries", sums[groceries]), ("Rent", sums[rent])], usd.Expenses.Select(l => (l.Name, l.Amount)));
        Assert.Equal((3_000_00L, 120_00L + 45_50L + 900_00L), (usd.TotalIncome, usd.TotalExpenses));
        Assert.Equal(3_000_00L - 1_065_50L, usd.NetIncome);
        var eur = statement.Currencies.Single(c => c.Currency == "EUR");
        Assert.Equal((50_00L, 7_25L, 42_75L), (eur.TotalIncome, eur.TotalExpenses, eur.NetIncome));

        // The last day of February is in, the first of March (the refund) is not; then only March.
        var march = (await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, new ReportPeriod(D("2024-03-01"), D("2024-03-31")))).Value!;
        Assert.Equal([("Groceries", -20_00L)], march.Currencies.Single(c => c.Currency == "USD").Expenses.Select(l => (l.Name, l.Amount)));
    }

    [DbTheory]
    [InlineData("2023-12-30")]
    [InlineData("2023-12-31")]
    [InlineData("2024-01-31")]
    [InlineData("2024-02-28")]
    [InlineData("2024-02-29")]
    [InlineData("2024-03-01")]
    [InlineData("2030-01-01")]
    public async Task The_balance_sheet_at_a_date_balances_and_matches_the_postings_up_to_it(string at)
    {
        await SeedAsync();

        var sheet = (await Reports.BalanceSheetAsync(alice.Actor, alice.BookId, D(at))).Value!;

        var sums = await PostingSumsAsync(null, D(at));
        var usd = sheet.Currencies.Single(c => c.Currency == "USD");
        Assert.True(usd.Balances, $"{usd.TotalAssets} != {usd.TotalLiabilities} + {usd.TotalEquity} + {usd.RetainedEarnings}");
        Assert.Equal(sums.GetValueOrDefault(checking), usd.TotalAssets);
        Assert.Equal(-sums.GetValueOrDefault(card), usd.TotalLiabilities);
        Assert.Equal(-sums.GetValueOrDefault(opening), usd.TotalEquity);
        Assert.Equal(-sums.GetValueOrDefault(salary) - sums.GetValueOrDefault(groceries) - sums.GetValueOrDefault(rent), usd.RetainedEarnings);
        Assert.All(sheet.Currencies, c => Assert.True(c.Balances));
    }

    [DbFact]
    public async Task Net_worth_per_month_follows_assets_less_liabilities_with_each_months_income_and_expenses()
    {
        await SeedAsync();

        var series = (await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2023-12-01"), D("2024-03-31"), ReportInterval.Month)).Value!;

        Assert.Equal([D("2023-12-31"), D("2024-01-31"), D("2024-02-29"), D("2024-03-31")], series.Points.Select(p => p.Period.To));
        foreach (var point in series.Points)
        {
            var sums = await PostingSumsAsync(null, point.Period.To);
            var within = await PostingSumsAsync(point.Period.From, point.Period.To);
            var usd = point.Currencies.Single(c => c.Currency == "USD");
            Assert.Equal(sums.GetValueOrDefault(checking) + sums.GetValueOrDefault(card), usd.NetWorth);
            Assert.Equal(-within.GetValueOrDefault(salary), usd.Income);
            Assert.Equal(within.GetValueOrDefault(groceries) + within.GetValueOrDefault(rent), usd.Expenses);
        }
        Assert.Equal(42_75L, series.Points[^1].Currencies.Single(c => c.Currency == "EUR").NetWorth);
    }

    [DbFact]
    public async Task A_series_ends_its_read_snapshot_so_posts_and_the_next_series_follow()
    {
        await SeedAsync();
        var first = (await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2024-03-01"), D("2024-03-31"), ReportInterval.Month)).Value!;

        await PostAsync("2024-03-15", "Late pay", (checking, 100_00), (salary, -100_00));
        var second = (await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2024-03-01"), D("2024-03-31"), ReportInterval.Month)).Value!;

        long Usd(NetWorthSeries s) => s.Points.Single().Currencies.Single(c => c.Currency == "USD").NetWorth;
        Assert.Equal(Usd(first) + 100_00, Usd(second));
    }

    [DbFact]
    public async Task Pay_cycle_months_start_on_the_books_day()
    {
        await using (var db = await ledger.DbAsync())
        {
            await db.Books.Where(b => b.Id == alice.BookId).ExecuteUpdateAsync(s => s.SetProperty(b => b.MonthStartDay, 25));
        }
        await PostAsync("2024-01-24", "Before payday", (groceries, 10_00), (checking, -10_00));
        await PostAsync("2024-01-25", "Payday", (checking, 2_000_00), (salary, -2_000_00));

        var series = (await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2024-01-01"), D("2024-02-10"), ReportInterval.Month)).Value!;

        Assert.Equal([(D("2023-12-25"), D("2024-01-24")), (D("2024-01-25"), D("2024-02-24"))], series.Points.Select(p => (p.Period.From, p.Period.To)));
        Assert.Equal([(0L, 10_00L), (2_000_00L, 0L)], series.Points.Select(p => (p.Currencies.Single(c => c.Currency == "USD").Income,
            p.Currencies.Single(c => c.Currency == "USD").Expenses)));
    }

    [DbFact]
    public async Task An_empty_book_has_empty_reports_and_bad_ranges_are_refused()
    {
        var statement = await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, new ReportPeriod(D("2024-01-01"), D("2024-12-31")));
        var sheet = await Reports.BalanceSheetAsync(alice.Actor, alice.BookId, D("2024-12-31"));
        var backwards = await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, new ReportPeriod(D("2024-12-31"), D("2024-01-01")));
        var tooMany = await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("1990-01-01"), D("2024-12-31"), ReportInterval.Week);

        Assert.All(statement.Value!.Currencies, c => Assert.Equal((0L, 0L), (c.TotalIncome, c.TotalExpenses)));
        Assert.All(sheet.Value!.Currencies, c => Assert.True(c.Balances && c.TotalAssets == 0));
        Assert.Equal(ResultStatus.Invalid, backwards.Status);
        Assert.Equal(ResultStatus.Invalid, tooMany.Status);
    }

    [DbFact]
    public async Task Totals_beyond_64_bits_refuse_the_report_instead_of_showing_it_wrong()
    {
        // Two accounts each hold 4.7 * 10^18 of the smallest unit, which fits; their total does not.
        var (other, gifts) = (await ledger.CreateAccountAsync(alice, "Vault", currency: "USD"),
            await ledger.CreateAccountAsync(alice, "Windfall", AccountType.Income));
        foreach (var (asset, income) in new[] { (checking, salary), (other, gifts) })
        {
            for (var i = 0; i < 94; i++)
            {
                await PostAsync("2024-06-15", "Huge", [.. Enumerable.Repeat((asset, Money.MaxPostingMinor), 50),
                    .. Enumerable.Repeat((income, -Money.MaxPostingMinor), 50)]);
            }
        }

        var statement = await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, new ReportPeriod(D("2024-01-01"), D("2024-12-31")));
        var sheet = await Reports.BalanceSheetAsync(alice.Actor, alice.BookId, D("2024-12-31"));
        var worth = await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2024-05-01"), D("2024-07-31"), ReportInterval.Month);
        var before = await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2024-01-01"), D("2024-05-31"), ReportInterval.Month);

        Assert.All(new[] { statement.As<object>(), sheet.As<object>(), worth.As<object>() },
            r => Assert.Equal((ResultStatus.Conflict, ReportService.TooLarge), (r.Status, r.Message)));
        Assert.Equal(ResultStatus.Ok, before.Status);
    }

    [DbFact]
    public async Task Outsiders_cannot_read_a_books_reports()
    {
        var bob = await ledger.CreateUserAsync("bob");

        var result = await Reports.BalanceSheetAsync(bob.Actor, alice.BookId, D("2024-12-31"));

        Assert.Equal(ResultStatus.NotFound, result.Status);
    }
}

public sealed class ReportServiceTestsOnSqlite : ReportServiceTests;

public sealed class ReportServiceTestsOnPostgres : ReportServiceTests, IOnPostgres;
