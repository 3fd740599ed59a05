using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Reports;

namespace BlazorLedger.Tests.Reports;

public sealed class ReportSectionsTests
{
    private static readonly Guid Salary = Guid.NewGuid(), Bonus = Guid.NewGuid(), Food = Guid.NewGuid(), Rent = Guid.NewGuid(), Cash = Guid.NewGuid();
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

    private static ReportLine L(Guid id, string name, AccountType type, long amount) => new(id, name, null, type, amount);

    private static IncomeStatementCurrency Usd(IReadOnlyList<ReportLine> income, IReadOnlyList<ReportLine> expenses) =>
        new("USD", income, expenses, income.Sum(l => l.Amount), expenses.Sum(l => l.Amount));

    [Fact]
    public void Without_a_comparison_there_are_no_other_figures()
    {
        var now = new IncomeStatement(Period, [Usd([L(Salary, "Salary", AccountType.Income, 3_000_00)], [L(Food, "Food", AccountType.Expense, 120_00)])]);

        var section = Assert.Single(ReportSections.IncomeStatement(now, null));

        Assert.Equal(new ComparedAmount(3_000_00), section.Group("total-income").Total);
        Assert.Equal(new ComparedAmount(2_880_00), section.Total("net-income").Value);
        Assert.Null(section.Total("net-income").Value.Change);
    }

    [Fact]
    public void A_comparison_lists_the_accounts_of_both_periods_with_change_and_percentage()
    {
        var now = new IncomeStatement(Period, [Usd([L(Salary, "Salary", AccountType.Income, 3_000_00)],
            [L(Food, "Food", AccountType.Expense, 150_00), L(Rent, "Rent", AccountType.Expense, 900_00)])]);
        var before = new IncomeStatement(Period, [Usd([L(Salary, "Salary", AccountType.Income, 3_000_00), L(Bonus, "Bonus", AccountType.Income, 500_00)],
            [L(Food, "Food", AccountType.Expense, 120_00)])]);

        var section = Assert.Single(ReportSections.IncomeStatement(now, before));

        var income = section.Group("total-income");
        Assert.Equal([("Salary", 3_000_00L, (long?)3_000_00L), ("Bonus", 0L, 500_00L)], income.Lines.Select(l => (l.Name, l.Value.Amount, l.Value.Before)));
        Assert.Equal((-500_00L, -0.142857m), (income.Total.Change!.Value, Math.Round(income.Total.Ratio!.Value, 6)));
        var expenses = section.Group("total-expenses").Lines;
        Assert.Equal((30_00L, 0.25m), (expenses[0].Value.Change!.Value, expenses[0].Value.Ratio!.Value));
        // Nothing spent on rent before: a change, but no percentage of nothing.
        Assert.Equal((900_00L, (decimal?)null), (expenses[1].Value.Change!.Value, expenses[1].Value.Ratio));
        Assert.Equal(new ComparedAmount(1_950_00, 3_380_00), section.Total("net-income").Value);
    }

    [Fact]
    public void A_percentage_is_of_the_other_figures_size_so_a_smaller_loss_is_an_improvement()
    {
        Assert.Equal(0.5m, new ComparedAmount(-50_00, -100_00).Ratio);
        Assert.Equal(-2m, new ComparedAmount(-100_00, 100_00).Ratio);
    }

    [Fact]
    public void Each_currency_is_its_own_section_even_when_only_the_compared_period_has_it()
    {
        var now = new IncomeStatement(Period, [Usd([], [L(Food, "Food", AccountType.Expense, 10_00)])]);
        var before = new IncomeStatement(Period, [new IncomeStatementCurrency("EUR", [], [L(Rent, "Miete", AccountType.Expense, 700_00)], 0, 700_00)]);

        var sections = ReportSections.IncomeStatement(now, before);

        Assert.Equal(["EUR", "USD"], sections.Select(s => s.Currency));
        Assert.Equal(new ComparedAmount(0, 700_00), sections[0].Group("total-expenses").Total);
        Assert.Equal(new ComparedAmount(10_00, 0), sections[1].Group("total-expenses").Total);
    }

    [Fact]
    public void A_balance_sheet_shows_retained_earnings_and_that_it_balances()
    {
        var sheet = new BalanceSheet(Period.To, [new BalanceSheetCurrency("USD", [L(Cash, "Cash", AccountType.Asset, 1_500_00)], [], [], 1_500_00, 0, 0, 1_500_00)]);

        var section = Assert.Single(ReportSections.BalanceSheet(sheet, null));

        Assert.True(section.Balances);
        Assert.Equal(1_500_00, section.Total("retained-earnings").Value.Amount);
        Assert.Equal(section.Group("total-assets").Total, section.Total("total-claims").Value);
    }

    [Fact]
    public void Spending_keeps_the_expenses_of_currencies_that_have_some()
    {
        var now = new IncomeStatement(Period, [Usd([L(Salary, "Salary", AccountType.Income, 3_000_00)], []),
            new IncomeStatementCurrency("EUR", [], [L(Food, "Essen", AccountType.Expense, 7_25)], 0, 7_25)]);

        var section = Assert.Single(ReportSections.Spending(now, null));

        Assert.Equal("EUR", section.Currency);
        Assert.Equal("Essen", Assert.Single(Assert.Single(section.Groups).Lines).Name);
        Assert.Empty(section.Totals);
    }

    [Theory]
    [InlineData(ReportInterval.Month, "2026-11-25", "2026-12-24", "Dec 2026")]
    [InlineData(ReportInterval.Quarter, "2025-12-25", "2026-03-24", "Q1 2026")]
    [InlineData(ReportInterval.Year, "2025-12-25", "2026-12-24", "2026")]
    [InlineData(ReportInterval.Week, "2026-11-30", "2026-12-06", "2026-11-30")]
    public void Periods_are_named_after_the_month_they_end_in(ReportInterval interval, string from, string to, string label) =>
        Assert.Equal(label, NetWorthView.Label(new ReportPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)),
            interval, CultureInfo.InvariantCulture));

    [Fact]
    public void A_long_series_labels_every_few_periods_so_the_axis_stays_readable()
    {
        var rows = Enumerable.Range(1, 12).Select(m => new NetWorthRow(new ReportPeriod(new DateOnly(2026, m, 1), new DateOnly(2026, m, 1).AddMonths(1).AddDays(-1)),
            $"M{m}", 0, 0, 0)).ToList();

        var labels = new NetWorthView("USD", rows).Labels(most: 4);

        Assert.Equal(["M1", "", "", "M4", "", "", "M7", "", "", "M10", "", ""], labels);
        Assert.Equal(rows.Select(r => r.Label), new NetWorthView("USD", rows).Labels(most: 12));
    }
}
