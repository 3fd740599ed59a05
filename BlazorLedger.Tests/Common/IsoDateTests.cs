using BlazorLedger.Common;

namespace BlazorLedger.Tests.Common;

public sealed class IsoDateTests
{
    [Theory]
    [InlineData("2026-02-30", "There is no day 2026-02-30 in the calendar: check the month and the day.")]
    [InlineData("2026-13-01", "There is no day 2026-13-01 in the calendar: check the month and the day.")]
    [InlineData("2026-00-10", "There is no day 2026-00-10 in the calendar: check the month and the day.")]
    [InlineData("2025-02-29", "There is no day 2025-02-29 in the calendar: check the month and the day.")]
    [InlineData("30.02.2026", "Give a date as yyyy-MM-dd.")]
    [InlineData("2026-2-3", "Give a date as yyyy-MM-dd.")]
    [InlineData("2026-02-3x", "Give a date as yyyy-MM-dd.")]
    [InlineData("２０２６-０２-３０", "Give a date as yyyy-MM-dd.")]
    [InlineData("", "Give a date as yyyy-MM-dd.")]
    [InlineData(null, "Give a date as yyyy-MM-dd.")]
    public void A_refused_date_written_right_is_named_as_no_day_and_anything_else_gets_how_to_write_one(string? text, string expected)
    {
        Assert.False(IsoDate.TryParse(text, out _));
        Assert.Equal(expected, IsoDate.Refusal(text, "Give a date as yyyy-MM-dd."));
    }
}
