using BlazorLedger.Features.Reports;

namespace BlazorLedger.Tests.Reports;

public sealed class ReportSettingsTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static ReportPeriod P(string from, string to) => new(D(from), D(to));

    private static ReportDates Resolve(string query, int startDay = 1, string today = "2026-05-14")
    {
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return Parse(parts).Resolve(new FinancialCalendar(startDay), D(today));
    }

    private static ReportSettings Parse(IReadOnlyDictionary<string, string> q) => ReportSettings.Parse(q.GetValueOrDefault("report"),
        q.GetValueOrDefault("period"), q.GetValueOrDefault("from"), q.GetValueOrDefault("to"), q.GetValueOrDefault("at"),
        q.GetValueOrDefault("compare"), q.GetValueOrDefault("interval"));

    [Theory]
    [InlineData("period=this-month", 1, "2026-05-01", "2026-05-31")]
    [InlineData("period=last-month", 1, "2026-04-01", "2026-04-30")]
    [InlineData("period=this-quarter", 1, "2026-04-01", "2026-06-30")]
    [InlineData("period=last-quarter", 1, "2026-01-01", "2026-03-31")]
    [InlineData("period=this-year", 1, "2026-01-01", "2026-12-31")]
    [InlineData("period=last-year", 1, "2025-01-01", "2025-12-31")]
    [InlineData("period=year-to-date", 1, "2026-01-01", "2026-05-14")]
    [InlineData("period=this-month", 25, "2026-04-25", "2026-05-24")]
    [InlineData("period=last-month", 25, "2026-03-25", "2026-04-24")]
    [InlineData("period=this-year", 25, "2025-12-25", "2026-12-24")]
    [InlineData("period=year-to-date", 25, "2025-12-25", "2026-05-14")]
    [InlineData("period=custom&from=2026-02-03&to=2026-02-10", 1, "2026-02-03", "2026-02-10")]
    [InlineData("from=2026-02-03&to=2026-02-10", 1, "2026-02-03", "2026-02-10")]
    [InlineData("", 1, "2026-05-01", "2026-05-31")]
    [InlineData("report=net-worth", 1, "2026-01-01", "2026-12-31")]
    [InlineData("period=fortnight", 1, "2026-05-01", "2026-05-31")]
    public void Each_period_comes_from_the_books_calendar(string query, int startDay, string from, string to) =>
        Assert.Equal(P(from, to), Resolve(query, startDay).Period);

    [Theory]
    [InlineData("period=this-month&compare=previous", 1, "2026-04-01", "2026-04-30")]
    [InlineData("period=this-month&compare=last-year", 1, "2025-05-01", "2025-05-31")]
    [InlineData("period=this-quarter&compare=previous", 1, "2026-01-01", "2026-03-31")]
    [InlineData("period=last-year&compare=previous", 1, "2024-01-01", "2024-12-31")]
    [InlineData("period=this-month&compare=previous", 25, "2026-03-25", "2026-04-24")]
    [InlineData("period=this-month&compare=last-year", 25, "2025-04-25", "2025-05-24")]
    // A custom range that is a whole month is compared with whole months, however long they are.
    [InlineData("period=custom&from=2025-03-01&to=2025-03-31&compare=previous", 1, "2025-02-01", "2025-02-28")]
    [InlineData("period=custom&from=2025-02-01&to=2025-02-28&compare=last-year", 1, "2024-02-01", "2024-02-29")]
    // Any other range: as many days just before, or the same dates a year earlier.
    [InlineData("period=custom&from=2026-02-03&to=2026-02-10&compare=previous", 1, "2026-01-26", "2026-02-02")]
    [InlineData("period=custom&from=2024-02-20&to=2024-02-29&compare=last-year", 1, "2023-02-20", "2023-02-28")]
    [InlineData("period=year-to-date&compare=last-year", 1, "2025-01-01", "2025-05-14")]
    public void The_compared_period_is_the_previous_one_or_the_same_a_year_earlier(string query, int startDay, string from, string to) =>
        Assert.Equal(P(from, to), Resolve(query, startDay).ComparedPeriod);

    [Theory]
    [InlineData("report=balance-sheet&period=this-month", "2026-05-31", null)]
    [InlineData("report=balance-sheet&period=this-month&compare=previous", "2026-05-31", "2026-04-30")]
    [InlineData("report=balance-sheet&period=custom&from=2025-02-01&to=2025-02-28&compare=last-year", "2025-02-28", "2024-02-29")]
    [InlineData("report=balance-sheet&at=2026-05-10&compare=previous", "2026-05-10", "2026-04-10")]
    [InlineData("report=balance-sheet&period=this-quarter&at=2026-05-10&compare=previous", "2026-05-10", "2026-02-10")]
    [InlineData("report=balance-sheet&at=2024-02-29&compare=last-year", "2024-02-29", "2023-02-28")]
    public void A_balance_sheet_is_taken_at_the_periods_end_or_a_chosen_day_and_compared_with_the_other_date(string query, string at, string? comparedAt)
    {
        var dates = Resolve(query);

        Assert.Equal(D(at), dates.At);
        Assert.Equal(comparedAt is null ? null : D(comparedAt), dates.ComparedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("report=balance-sheet&period=last-quarter&at=2026-02-01&compare=last-year")]
    [InlineData("report=net-worth&period=custom&from=2024-01-01&to=2026-03-31&interval=quarter")]
    [InlineData("report=spending&period=custom&compare=previous")]
    public void The_address_holds_the_settings_and_gives_them_back(string query)
    {
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var settings = Parse(parts);

        var written = settings.ToQuery().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => (string)p.Value!);

        Assert.Equal(settings, Parse(written));
        Assert.Equal(parts.Where(p => p.Key != "report").OrderBy(p => p.Key), written.Where(p => p.Key != "report").OrderBy(p => p.Key));
    }

    [Fact]
    public void Unreadable_settings_fall_back_to_the_defaults()
    {
        var settings = ReportSettings.Parse("profit", "someday", "yesterday", null, "31/12/2025", "better", "7");

        Assert.Equal(new ReportSettings(), settings);
    }
}
