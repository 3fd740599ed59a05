using BlazorLedger.Features.Reports;

namespace BlazorLedger.Tests.Reports;

public sealed class FinancialCalendarTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static ReportPeriod P(string from, string to) => new(D(from), D(to));

    [Theory]
    [InlineData(1, "2026-12-02", "2026-12-01", "2026-12-31")]
    [InlineData(1, "2024-02-29", "2024-02-01", "2024-02-29")]
    [InlineData(25, "2026-12-02", "2026-11-25", "2026-12-24")]
    [InlineData(25, "2026-12-24", "2026-11-25", "2026-12-24")]
    [InlineData(25, "2026-12-25", "2026-12-25", "2027-01-24")]
    [InlineData(28, "2024-03-01", "2024-02-28", "2024-03-27")]
    [InlineData(15, "2024-02-29", "2024-02-15", "2024-03-14")]
    public void A_month_runs_from_the_books_start_day(int startDay, string date, string from, string to) =>
        Assert.Equal(P(from, to), new FinancialCalendar(startDay).PeriodOf(D(date), ReportInterval.Month));

    [Theory]
    [InlineData(1, ReportInterval.Quarter, "2026-05-31", "2026-04-01", "2026-06-30")]
    [InlineData(1, ReportInterval.Year, "2026-05-31", "2026-01-01", "2026-12-31")]
    [InlineData(25, ReportInterval.Quarter, "2026-03-25", "2026-03-25", "2026-06-24")]
    [InlineData(25, ReportInterval.Quarter, "2026-03-24", "2025-12-25", "2026-03-24")]
    [InlineData(25, ReportInterval.Year, "2026-06-10", "2025-12-25", "2026-12-24")]
    [InlineData(25, ReportInterval.Year, "2026-12-28", "2026-12-25", "2027-12-24")]
    [InlineData(1, ReportInterval.Week, "2026-12-02", "2026-11-30", "2026-12-06")]
    [InlineData(1, ReportInterval.Week, "2026-11-30", "2026-11-30", "2026-12-06")]
    [InlineData(1, ReportInterval.Week, "2026-12-06", "2026-11-30", "2026-12-06")]
    public void Quarters_years_and_weeks_follow_the_same_months(int startDay, ReportInterval interval, string date, string from, string to) =>
        Assert.Equal(P(from, to), new FinancialCalendar(startDay).PeriodOf(D(date), interval));

    [Fact]
    public void Periods_cover_a_range_without_gaps_or_overlaps()
    {
        var calendar = new FinancialCalendar(25);

        var months = calendar.Periods(D("2024-01-10"), D("2026-12-02"), ReportInterval.Month);

        Assert.Equal(D("2023-12-25"), months[0].From);
        Assert.Equal(D("2026-12-24"), months[^1].To);
        Assert.Equal(36, months.Count);
        Assert.All(months.Zip(months.Skip(1)), pair => Assert.Equal(pair.First.To.AddDays(1), pair.Second.From));
    }

    [Fact]
    public void The_previous_period_and_the_same_period_a_year_before()
    {
        var calendar = new FinancialCalendar();
        var march = calendar.PeriodOf(D("2024-03-15"), ReportInterval.Month);

        Assert.Equal(P("2024-02-01", "2024-02-29"), calendar.Previous(march, ReportInterval.Month));
        Assert.Equal(P("2023-03-01", "2023-03-31"), march.YearBefore());
        Assert.Equal(P("2023-02-01", "2023-02-28"), P("2024-02-01", "2024-02-29").YearBefore());
        Assert.Equal(P("2024-02-10", "2024-02-29"), P("2024-03-01", "2024-03-20").DaysBefore());
    }
}
