using System.Globalization;
using BlazorLedger.Features.Rates;

namespace BlazorLedger.Tests.Rates;

public sealed class RateValueTests
{
    [Theory]
    [InlineData("1.0842", "1.0842")]
    [InlineData("1.50", "1.5")]
    [InlineData("0.00002375", "0.00002375")]
    [InlineData("151.37", "151.37")]
    [InlineData("1,000,000,000", "1000000000")]
    [InlineData("0.000000000001", "0.000000000001")]
    [InlineData("1234567.891", "1234567.891")]
    public void Good_rates_are_read_exactly(string text, string stored)
    {
        Assert.True(RateValue.TryParse(text, CultureInfo.InvariantCulture, out var rate, out var error), error);
        Assert.Equal(stored, RateValue.ToText(rate));
    }

    [Theory]
    [InlineData("0", "more than zero")]
    [InlineData("0.000", "more than zero")]
    [InlineData("-1.08", "more than zero")]
    [InlineData("", "Enter the rate")]
    [InlineData("abc", "")]
    [InlineData("1.08e3", "")]
    [InlineData("1000000000.5", "at most 1,000,000,000")]
    [InlineData("1.23456789012", "at most 10 significant digits")]
    [InlineData("0.0000000000001", "at most 12 decimal places")]
    [InlineData("1.000000000000000000000000001", "at most 12 decimal places")]
    public void Zero_negative_absurd_or_unreadable_rates_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(RateValue.TryParse(text, CultureInfo.InvariantCulture, out _, out var error));
        Assert.NotEmpty(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_is_read_in_the_readers_number_format_and_never_reinterpreted()
    {
        var german = CultureInfo.GetCultureInfo("de-DE");

        Assert.True(RateValue.TryParse("1,0842", german, out var rate, out _));
        Assert.Equal(1.0842m, rate);
        Assert.Equal("1,0842", RateValue.Format(rate, german));
        // Under the invariant format "1,0842" is not ten thousand and something: it is refused.
        Assert.False(RateValue.TryParse("1,0842", CultureInfo.InvariantCulture, out _, out _));
    }
}
