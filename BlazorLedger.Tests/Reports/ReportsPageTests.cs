using System.Globalization;
using AngleSharp.Dom;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Reports;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reports;

public sealed class ReportsPageTests : LedgerComponentTest
{
    private const string January = "period=custom&from=2025-01-01&to=2025-01-31";
    private static readonly ReportPeriod JanuaryPeriod = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31));
    private static readonly ReportPeriod DecemberPeriod = new(new DateOnly(2024, 12, 1), new DateOnly(2024, 12, 31));
    private Guid checking, card, opening, salary, groceries, rent, euros, eurFood;

    private ReportService Reports => Services.GetRequiredService<ReportService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        checking = await Ledger.CreateAccountAsync(User, "Checking");
        card = await Ledger.CreateAccountAsync(User, "Card", AccountType.Liability);
        opening = await Ledger.CreateAccountAsync(User, "Opening", AccountType.Equity);
        salary = await Ledger.CreateAccountAsync(User, "Salary", AccountType.Income);
        groceries = await Ledger.CreateAccountAsync(User, "Groceries", AccountType.Expense);
        rent = await Ledger.CreateAccountAsync(User, "Rent", AccountType.Expense);
        euros = await Ledger.CreateAccountAsync(User, "Euro cash", currency: "EUR");
        eurFood = await Ledger.CreateAccountAsync(User, "Euro food", AccountType.Expense, "EUR");
        await Ledger.TransferAsync(User, opening, checking, 1_000_00, new DateOnly(2024, 12, 1), "Opening");
        await Ledger.TransferAsync(User, salary, checking, 2_500_00, new DateOnly(2024, 12, 5), "December pay");
        await Ledger.TransferAsync(User, checking, groceries, 100_00, new DateOnly(2024, 12, 10), "Market");
        await Ledger.TransferAsync(User, salary, checking, 3_000_00, new DateOnly(2025, 1, 5), "January pay");
        await Ledger.TransferAsync(User, card, groceries, 120_00, new DateOnly(2025, 1, 10), "Market");
        await Ledger.TransferAsync(User, checking, rent, 900_00, new DateOnly(2025, 1, 15), "Rent");
        await Ledger.TransferAsync(User, euros, eurFood, 7_25, new DateOnly(2025, 1, 20), "Bakery");
    }

    private IRenderedComponent<WithProviders> RenderReports(string query)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("reports?" + query);
        var host = Render<WithProviders>(p => p.AddChildContent<ReportsPage>());
        host.WaitForAssertion(() =>
        {
            Assert.Empty(host.FindAll("[data-testid=loading]"));
            Assert.NotEmpty(host.FindAll("[data-testid=report-dates]"));
        });
        return host;
    }

    private static string Money(long minor, string currency = "USD") => BlazorLedger.Common.Money.Format(minor, currency, CultureInfo.InvariantCulture);

    private static IElement Section(IRenderedComponent<WithProviders> host, string currency) =>
        host.Find($"[data-testid=report-section][data-currency={currency}]");

    private static IElement Line(IElement section, string account) =>
        section.QuerySelectorAll("[data-testid=report-line]").Single(r => r.QuerySelector("[data-testid=report-account]")!.TextContent.Trim() == account);

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static string Row(IElement section, string testId, string cell = "amount") => Cell(section.QuerySelector($"[data-testid={testId}]")!, cell);

    [Fact]
    public async Task The_income_statement_shows_the_services_figures_in_a_section_per_currency()
    {
        // The service first: in these tests every context shares one in-memory connection, which takes one reader at a time.
        var statement = (await Reports.IncomeStatementAsync(User.Actor, User.BookId, JanuaryPeriod)).Value!;

        var host = RenderReports(January);

        var usd = statement.Currencies.Single(c => c.Currency == "USD");
        var section = Section(host, "USD");
        foreach (var line in usd.Income.Concat(usd.Expenses))
        {
            Assert.Equal(Money(line.Amount), Cell(Line(section, line.Name), "amount"));
        }
        Assert.Equal([Money(3_000_00), Money(1_020_00), Money(1_980_00)],
            [Row(section, "total-income"), Row(section, "total-expenses"), Row(section, "net-income")]);
        Assert.Equal((usd.TotalIncome, usd.TotalExpenses, usd.NetIncome), (3_000_00L, 1_020_00L, 1_980_00L));
        var eur = Section(host, "EUR");
        Assert.Equal(Money(7_25, "EUR"), Cell(Line(eur, "Euro food"), "amount"));
        Assert.Equal(Money(-7_25, "EUR"), Row(eur, "net-income"));
        Assert.Empty(host.FindAll("[data-testid=before]"));
        Assert.Contains("2025-01-01 – 2025-01-31", host.ByTestId("report-dates").TextContent);
    }

    [Fact]
    public void Compared_with_the_previous_period_each_line_and_total_shows_the_change_and_percentage()
    {
        var host = RenderReports(January + "&compare=previous");

        var section = Section(host, "USD");
        var food = Line(section, "Groceries");
        Assert.Equal((Money(120_00), Money(100_00), "+" + Money(20_00), "+" + 0.2m.ToString("P1", CultureInfo.InvariantCulture)),
            (Cell(food, "amount"), Cell(food, "before"), Cell(food, "change"), Cell(food, "percent")));
        var newRent = Line(section, "Rent");
        Assert.Equal((Money(0), "–"), (Cell(newRent, "before"), Cell(newRent, "percent")));
        Assert.Equal((Money(2_500_00), "+" + Money(500_00)), (Row(section, "total-income", "before"), Row(section, "total-income", "change")));
        Assert.Equal((Money(2_400_00), Money(-420_00)), (Row(section, "net-income", "before"), Row(section, "net-income", "change")));
        Assert.Equal((-0.175m).ToString("P1", CultureInfo.InvariantCulture), Row(section, "net-income", "percent"));
        // Signed, never red: a fall in spending is not a loss.
        Assert.DoesNotContain(host.FindAll("[data-testid=change], [data-testid=percent]"), c => c.ClassList.Contains("negative"));
        Assert.Contains("compared with 2024-12-01 – 2024-12-31", host.ByTestId("report-dates").TextContent);
    }

    [Fact]
    public async Task The_balance_sheet_balances_in_every_currency_and_says_so()
    {
        var sheet = (await Reports.BalanceSheetAsync(User.Actor, User.BookId, JanuaryPeriod.To)).Value!;

        var host = RenderReports(January + "&report=balance-sheet&compare=previous");

        var usd = sheet.Currencies.Single(c => c.Currency == "USD");
        var section = Section(host, "USD");
        Assert.Equal(Money(usd.TotalAssets), Row(section, "total-assets"));
        Assert.Equal(Money(120_00), Cell(Line(section, "Card"), "amount"));
        Assert.Equal(Money(1_000_00), Row(section, "total-equity"));
        Assert.Equal(Money(usd.RetainedEarnings), Row(section, "retained-earnings"));
        Assert.Equal(Row(section, "total-assets"), Row(section, "total-claims"));
        // On 31 December: 1,000 + 2,500 - 100 in the bank and nothing owed.
        Assert.Equal((Money(3_400_00), Money(0)), (Row(section, "total-assets", "before"), Row(section, "total-liabilities", "before")));
        foreach (var currency in new[] { "USD", "EUR" })
        {
            var check = Section(host, currency).QuerySelector("[data-testid=balance-check]")!;
            Assert.Contains("Balances", check.TextContent);
            Assert.Contains("mud-alert-text-success", check.ClassName);
        }
        Assert.Contains("On 2025-01-31, compared with 2024-12-31", host.ByTestId("report-dates").TextContent);
    }

    [Fact]
    public async Task The_address_restores_a_net_worth_report_with_its_interval_and_a_row_per_period()
    {
        var series = (await Reports.NetWorthAsync(User.Actor, User.BookId, DecemberPeriod.From, JanuaryPeriod.To, ReportInterval.Quarter)).Value!;

        var host = RenderReports("report=net-worth&period=custom&from=2024-12-01&to=2025-01-31&interval=quarter");

        Assert.Contains("mud-tab-active", host.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Net worth")).ClassName);
        Assert.Equal("Quarter", host.ByTestId("report-interval").TextContent.Trim());
        var rows = Section(host, "USD").QuerySelectorAll("[data-testid=networth-row]");
        Assert.Equal(2, rows.Length);
        Assert.Equal(series.Points.Select(p => Money(p.Currencies.Single(c => c.Currency == "USD").NetWorth)), rows.Select(r => Cell(r, "networth")));
        Assert.Equal([Money(3_400_00), Money(5_380_00)], rows.Select(r => Cell(r, "networth")));
        Assert.Equal([Money(100_00), Money(1_020_00)], rows.Select(r => Cell(r, "expenses")));
        Assert.Equal(["Q4 2024", "Q1 2025"], rows.Select(r => r.Children[0].TextContent.Trim()));
        Assert.NotEmpty(Section(host, "USD").QuerySelectorAll("[data-testid=networth-chart] svg"));
        Assert.NotEmpty(Section(host, "USD").QuerySelectorAll("[data-testid=flows-chart] svg"));
    }

    [Fact]
    public void Spending_draws_its_accounts_and_links_each_to_its_register_for_the_period()
    {
        var host = RenderReports(January + "&report=spending");

        var section = Section(host, "USD");
        Assert.NotEmpty(section.QuerySelectorAll("[data-testid=spending-chart] svg"));
        var link = Line(section, "Rent").QuerySelector("a[data-testid=report-account]")!;
        Assert.Equal($"accounts/{rent}?from=2025-01-01&to=2025-01-31", link.GetAttribute("href"));
        Assert.Equal(0.882m.ToString("P1", CultureInfo.InvariantCulture), Cell(Line(section, "Rent"), "share"));
        Assert.DoesNotContain(section.QuerySelectorAll("[data-testid=report-line]"), r => r.TextContent.Contains("Salary"));
        Assert.Equal(Money(1_020_00), Row(section, "total-expenses"));
    }

    [Fact]
    public void Choosing_a_comparison_and_a_tab_updates_the_report_and_the_address()
    {
        var host = RenderReports(January);
        var navigation = Services.GetRequiredService<NavigationManager>();

        host.Choose("report-compare", "Same period last year");
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=before]")));
        Assert.Contains("compare=last-year", navigation.Uri);

        host.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Balance sheet")).Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=balance-check]")));
        Assert.Contains("report=balance-sheet", navigation.Uri);
        Assert.Contains("from=2025-01-01", navigation.Uri);
        Assert.Contains("On 2025-01-31, compared with 2024-01-31", host.ByTestId("report-dates").TextContent);
    }

    [Fact]
    public void The_csv_button_downloads_the_report_on_screen()
    {
        var host = RenderReports(January + "&compare=previous&report=spending");

        Assert.Equal($"books/{User.BookId}/reports/spending.csv?from=2025-01-01&to=2025-01-31&compareFrom=2024-12-01&compareTo=2024-12-31",
            host.ByTestId("report-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task A_viewer_reads_the_reports_of_a_shared_book()
    {
        var vic = await Ledger.CreateUserAsync("vic");
        await Ledger.AddMemberAsync(User.BookId, vic, BookRole.Viewer);
        SignIn(vic, "vic");
        Services.GetRequiredService<CurrentBook>().PreferredId = User.BookId;

        var host = RenderReports(January);

        Assert.Equal(Money(1_980_00), Row(Section(host, "USD"), "net-income"));
        Assert.Empty(host.FindAll("[data-testid=report-error]"));
    }

    [Fact]
    public void A_period_without_postings_says_so()
    {
        var host = RenderReports("period=custom&from=2020-01-01&to=2020-01-31");

        Assert.NotNull(host.ByTestId("report-empty"));
        Assert.Empty(host.FindAll("[data-testid=report-section]"));
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_explained()
    {
        var host = RenderReports("period=custom&from=2025-02-01&to=2025-01-01");

        Assert.Contains("before its start", host.ByTestId("report-error").TextContent);
    }

    [Fact]
    public async Task In_the_base_currency_the_converted_lines_say_their_rate_and_a_currency_without_one_stays_apart()
    {
        var pounds = await Ledger.CreateAccountAsync(User, "Pound cash", currency: "GBP");
        var gifts = await Ledger.CreateAccountAsync(User, "Pound gifts", AccountType.Income, "GBP");
        await Ledger.TransferAsync(User, gifts, pounds, 50_00, new DateOnly(2025, 1, 22), "Gift");
        var rates = Services.GetRequiredService<BlazorLedger.Features.Rates.ExchangeRateService>();
        await rates.SetAsync(User.Actor, new BlazorLedger.Features.Rates.SetRates(User.BookId,
            [new("EUR", new DateOnly(2025, 1, 20), 1.0842m), new("EUR", new DateOnly(2025, 2, 1), 2m)]));

        var host = RenderReports(January + "&in=base");

        // 7.25 EUR × 1.0842 = 7.86045 → 7.86; the rate of 1 February is after the period.
        var usd = Section(host, "USD");
        var food = Line(usd, "Euro food");
        Assert.Equal(Money(7_86), Cell(food, "amount"));
        Assert.Contains("EUR 7.25", Cell(food, "converted-from"), StringComparison.Ordinal);
        Assert.Contains("1.0842", Cell(food, "converted-from"), StringComparison.Ordinal);
        Assert.Equal(Money(120_00 + 900_00 + 7_86), Row(usd, "total-expenses"));
        Assert.Contains("EUR 1.0842", host.ByTestId("report-conversion").TextContent, StringComparison.Ordinal);
        Assert.Contains("GBP", host.ByTestId("report-unconverted").TextContent, StringComparison.Ordinal);
        Assert.Equal(Money(50_00, "GBP"), Row(Section(host, "GBP"), "total-income"));
        Assert.Empty(host.FindAll("[data-testid=report-section][data-currency=EUR]"));
        Assert.Contains("in=base", host.ByTestId("report-csv").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_currency_switch_puts_in_base_in_the_address()
    {
        var host = RenderReports(January);
        Assert.NotEmpty(host.FindAll("[data-testid=report-section][data-currency=EUR]"));

        host.Find("input[data-testid=report-in-base]").Change(true);

        host.WaitForAssertion(() => Assert.Contains("in=base", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        // No EUR rate: EUR stays apart, and the page says so.
        host.WaitForAssertion(() => Assert.Contains("EUR", host.ByTestId("report-unconverted").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(host.FindAll("[data-testid=report-section][data-currency=EUR]"));
    }
}
