using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Rates;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reports;

/// <summary>
/// Reports in the base currency against conversions computed here from the postings' own sums: the rate in effect is the
/// latest dated on or before the report's date; a currency without one stays apart.
/// </summary>
public abstract class InBaseReportTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, salary, euros, eurFood, eurIncome, yen, jpyFood, jpyIncome, pounds, gbpIncome;

    private ReportService Reports => ledger.Services.GetRequiredService<ReportService>();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        euros = await ledger.CreateAccountAsync(alice, "Euro cash", currency: "EUR");
        eurFood = await ledger.CreateAccountAsync(alice, "Euro food", AccountType.Expense, "EUR");
        eurIncome = await ledger.CreateAccountAsync(alice, "Euro gifts", AccountType.Income, "EUR");
        yen = await ledger.CreateAccountAsync(alice, "Yen cash", currency: "JPY");
        jpyFood = await ledger.CreateAccountAsync(alice, "Yen food", AccountType.Expense, "JPY");
        jpyIncome = await ledger.CreateAccountAsync(alice, "Yen gifts", AccountType.Income, "JPY");
        pounds = await ledger.CreateAccountAsync(alice, "Pound cash", currency: "GBP");
        gbpIncome = await ledger.CreateAccountAsync(alice, "Pound gifts", AccountType.Income, "GBP");

        await PostAsync("2023-12-20", (euros, 20_00), (eurIncome, -20_00));
        await PostAsync("2024-01-05", (checking, 3_000_00), (salary, -3_000_00));
        await PostAsync("2024-01-10", (euros, 500_00), (eurIncome, -500_00));
        await PostAsync("2024-01-12", (yen, 100_000), (jpyIncome, -100_000));
        await PostAsync("2024-02-10", (eurFood, 7_25), (euros, -7_25));
        await PostAsync("2024-02-11", (eurFood, 33_33), (euros, -33_33));
        await PostAsync("2024-02-12", (jpyFood, 1_234), (yen, -1_234));
        await PostAsync("2024-02-13", (pounds, 100_00), (gbpIncome, -100_00));
        await PostAsync("2024-03-20", (eurFood, 10_01), (euros, -10_01));
        var rates = await ledger.Services.GetRequiredService<ExchangeRateService>().SetAsync(alice.Actor, new SetRates(alice.BookId,
        [
            new("EUR", D("2024-01-01"), 1.10m), new("EUR", D("2024-02-01"), 1.0842m), new("EUR", D("2024-03-15"), 1.2m),
            new("JPY", D("2024-01-01"), 0.0066666667m),
        ]));
        Assert.True(rates.Succeeded, rates.Message);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task PostAsync(string date, params (Guid Account, long Amount)[] lines)
    {
        var result = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, D(date), "Entry", null,
            lines.Select(l => new PostingLine(l.Account, l.Amount)).ToList()));
        Assert.True(result.Succeeded, result.Message);
    }

    private async Task<Dictionary<Guid, long>> SumsAsync(DateOnly? from, DateOnly to)
    {
        await using var db = await ledger.DbAsync();
        return await db.Postings.Where(p => (from == null || p.Date >= from) && p.Date <= to)
            .GroupBy(p => p.AccountId).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum);
    }

    /// <summary>Into US cents, written out on its own: the amount in units, times the rate, in cents, rounded halves to even.</summary>
    private static long Usd(long minor, int digits, decimal rate) =>
        (long)Math.Round(minor / (digits == 0 ? 1m : 100m) * rate * 100m, MidpointRounding.ToEven);

    [DbFact]
    public async Task The_income_statement_converts_at_the_latest_rate_on_or_before_its_end_and_keeps_a_currency_without_one_apart()
    {
        var period = new ReportPeriod(D("2024-02-01"), D("2024-02-29"));

        var statement = (await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, period, inBase: true)).Value!;

        var sums = await SumsAsync(period.From, period.To);
        // EUR at 1.0842 (from 1 February; the 1.2 of 15 March is later), JPY at the rate of 1 January.
        var expected = new[] { ("Euro food", Usd(sums[eurFood], 2, 1.0842m)), ("Yen food", Usd(sums[jpyFood], 0, 0.0066666667m)) };
        var usd = statement.Currencies.Single(c => c.Currency == "USD");
        Assert.Equal(expected, usd.Expenses.Select(l => (l.Name, l.Amount)));
        // By hand: 40.58 EUR × 1.0842 = 43.996836 → 44.00; 1,234 JPY × 0.0066666667 = 8.2266667… → 8.23.
        Assert.Equal((44_00L, 8_23L), (expected[0].Item2, expected[1].Item2));
        Assert.Equal(expected.Sum(e => e.Item2), usd.TotalExpenses);
        Assert.Equal(new ConvertedFrom("EUR", 40_58, 1.0842m, D("2024-02-01")), usd.Expenses[0].From);
        var conversion = statement.Conversion!;
        Assert.Equal([new ExchangeRateDto("EUR", D("2024-02-01"), 1.0842m), new ExchangeRateDto("JPY", D("2024-01-01"), 0.0066666667m)], conversion.Rates);
        Assert.Equal(["GBP"], conversion.Unconverted);
        var gbp = statement.Currencies.Single(c => c.Currency == "GBP");
        Assert.Equal(100_00L, gbp.TotalIncome);
        Assert.Equal(["USD", "GBP"], statement.Currencies.Select(c => c.Currency));
    }

    [DbFact]
    public async Task Before_the_first_rate_nothing_is_converted_and_nothing_is_dropped()
    {
        var december = new ReportPeriod(D("2023-12-01"), D("2023-12-31"));

        var statement = (await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, december, inBase: true)).Value!;

        Assert.Empty(statement.Conversion!.Rates);
        Assert.Equal(["EUR", "GBP", "JPY"], statement.Conversion.Unconverted);
        Assert.Equal(20_00L, statement.Currencies.Single(c => c.Currency == "EUR").TotalIncome);
        Assert.All(statement.Currencies.SelectMany(c => c.Income.Concat(c.Expenses)), l => Assert.Null(l.From));
    }

    [DbTheory]
    [InlineData("2024-01-31", 1.10)]
    [InlineData("2024-02-29", 1.0842)]
    [InlineData("2024-03-31", 1.2)]
    public async Task The_balance_sheet_in_the_base_currency_converts_each_account_at_its_dates_rate_and_still_balances(string at, double eurRate)
    {
        var rate = (decimal)eurRate;

        var sheet = (await Reports.BalanceSheetAsync(alice.Actor, alice.BookId, D(at), inBase: true)).Value!;

        var sums = await SumsAsync(null, D(at));
        var usd = sheet.Currencies.Single(c => c.Currency == "USD");
        var assets = sums[checking] + Usd(sums[euros], 2, rate) + Usd(sums[yen], 0, 0.0066666667m);
        Assert.Equal(assets, usd.TotalAssets);
        Assert.Equal(["Checking", "Euro cash", "Yen cash"], usd.Assets.Select(l => l.Name));
        Assert.True(usd.Balances, $"{usd.TotalAssets} != {usd.TotalLiabilities} + {usd.TotalEquity} + {usd.RetainedEarnings}");
        Assert.Equal(rate, sheet.Conversion!.Rates.Single(r => r.Currency == "EUR").Rate);
        Assert.Equal(sums.GetValueOrDefault(pounds), sheet.Currencies.SingleOrDefault(c => c.Currency == "GBP")?.TotalAssets ?? 0);
        if (at == "2024-02-29")
        {
            // By hand: 3,000.00 + 479.42 EUR × 1.0842 (519.79) + 98,766 JPY × 0.0066666667 (658.44).
            Assert.Equal(4_178_23L, usd.TotalAssets);
        }
    }

    [DbFact]
    public async Task Each_net_worth_point_is_converted_at_the_rates_of_its_own_date()
    {
        var series = (await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2024-01-01"), D("2024-03-31"), ReportInterval.Month, inBase: true)).Value!;

        var eurRates = new[] { 1.10m, 1.0842m, 1.2m };
        for (var i = 0; i < 3; i++)
        {
            var point = series.Points[i];
            var sums = await SumsAsync(null, point.Period.To);
            var inPeriod = await SumsAsync(point.Period.From, point.Period.To);
            var usd = point.Currencies.Single(c => c.Currency == "USD");
            Assert.Equal(sums[checking] + Usd(sums[euros], 2, eurRates[i]) + Usd(sums[yen], 0, 0.0066666667m), usd.NetWorth);
            Assert.Equal(Usd(inPeriod.GetValueOrDefault(eurFood), 2, eurRates[i]) + Usd(inPeriod.GetValueOrDefault(jpyFood), 0, 0.0066666667m), usd.Expenses);
            Assert.Equal(eurRates[i], point.Conversion!.Rates.Single(r => r.Currency == "EUR").Rate);
            Assert.Equal(["GBP"], point.Conversion.Unconverted);
        }
        // By hand, the end of January: 3,000.00 + 520.00 EUR × 1.10 (572.00) + 100,000 JPY × 0.0066666667 (666.67).
        Assert.Equal(4_238_67L, series.Points[0].Currencies.Single(c => c.Currency == "USD").NetWorth);
        Assert.Equal(100_00L, series.Points[1].Currencies.Single(c => c.Currency == "GBP").NetWorth);
    }

    [DbFact]
    public async Task A_currency_without_a_rate_at_the_first_point_stays_apart_in_the_whole_series()
    {
        var series = (await Reports.NetWorthAsync(alice.Actor, alice.BookId, D("2023-12-01"), D("2024-02-29"), ReportInterval.Month, inBase: true)).Value!;

        Assert.All(series.Points, p => Assert.Equal(["EUR", "GBP", "JPY"], p.Conversion!.Unconverted));
        var sums = await SumsAsync(null, D("2024-02-29"));
        Assert.Equal(sums[euros], series.Points[^1].Currencies.Single(c => c.Currency == "EUR").NetWorth);
        Assert.Equal(sums[checking], series.Points[^1].Currencies.Single(c => c.Currency == "USD").NetWorth);
    }

    [DbFact]
    public async Task Without_in_base_the_reports_are_per_currency_as_before()
    {
        var statement = (await Reports.IncomeStatementAsync(alice.Actor, alice.BookId, new ReportPeriod(D("2024-02-01"), D("2024-02-29")))).Value!;

        Assert.Null(statement.Conversion);
        Assert.Equal(["EUR", "GBP", "JPY", "USD"], statement.Currencies.Select(c => c.Currency));
        Assert.Equal(40_58L, statement.Currencies.Single(c => c.Currency == "EUR").TotalExpenses);
    }
}

public sealed class InBaseReportTestsOnSqlite : InBaseReportTests;

public sealed class InBaseReportTestsOnPostgres : InBaseReportTests, IOnPostgres;
