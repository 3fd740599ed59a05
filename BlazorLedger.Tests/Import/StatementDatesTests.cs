using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class StatementDatesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("02.03.26", "2026-03-02")]
    [InlineData("2.12.27", "2027-12-02")]
    [InlineData("03.12.27", "1927-12-03")]
    [InlineData("31.12.99", "1999-12-31")]
    [InlineData("1.1.00", "2000-01-01")]
    [InlineData("29.02.00", "2000-02-29")]
    public void A_two_digit_year_is_this_century_unless_that_is_more_than_a_year_ahead(string text, string expected)
    {
        Assert.True(StatementDates.TryParse(text, StatementDateFormat.DayMonthShortYearDots, out var date, Today));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void The_twenty_ninth_of_February_of_a_year_00_too_far_ahead_is_no_date()
    {
        // 2000 is past for good; a "today" before 1999 puts 29.02.00 more than a year ahead, and 1900 had no 29 February.
        Assert.False(StatementDates.TryParse("29.02.00", StatementDateFormat.DayMonthShortYearDots, out _, new DateOnly(1998, 6, 1)));
        Assert.True(StatementDates.TryParse("28.02.00", StatementDateFormat.DayMonthShortYearDots, out var date, new DateOnly(1998, 6, 1)));
        Assert.Equal(new DateOnly(1900, 2, 28), date);
    }

    [Theory]
    [InlineData("12/31/26", StatementDateFormat.MonthDayShortYearSlashes, "2026-12-31")]
    [InlineData("1/2/26", StatementDateFormat.MonthDayShortYearSlashes, "2026-01-02")]
    [InlineData("1/2/26", StatementDateFormat.DayMonthShortYearSlashes, "2026-02-01")]
    [InlineData("31/12/69", StatementDateFormat.DayMonthShortYearSlashes, "1969-12-31")]
    public void Slashed_two_digit_years_read_day_first_or_month_first(string text, StatementDateFormat format, string expected)
    {
        Assert.True(StatementDates.TryParse(text, format, out var date, Today));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("02.03.2026", StatementDateFormat.DayMonthShortYearDots)]
    [InlineData("02.03.26", StatementDateFormat.DayMonthYearDots)]
    [InlineData("2.3.6", StatementDateFormat.DayMonthShortYearDots)]
    [InlineData("12/31/26", StatementDateFormat.DayMonthShortYearSlashes)]
    [InlineData("31.02.26", StatementDateFormat.DayMonthShortYearDots)]
    public void Text_that_does_not_fit_the_format_is_not_a_date(string text, StatementDateFormat format)
    {
        Assert.False(StatementDates.TryParse(text, format, out _, Today));
    }
}
