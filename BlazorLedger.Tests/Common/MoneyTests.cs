using System.Globalization;
using BlazorLedger.Common;

namespace BlazorLedger.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    public void Currencies_know_their_minor_unit_digits(string code, int digits) => Assert.Equal(digits, Currencies.MinorDigits(code));

    [Theory]
    [InlineData("1,234.56", "USD", 123456)]
    [InlineData("-12.3", "USD", -1230)]
    [InlineData(" 5 ", "USD", 500)]
    [InlineData("0.001", "BHD", 1)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1,000,000", "JPY", 1000000)]
    [InlineData("10000000000000.00", "USD", 1_000_000_000_000_000)]
    public void Amounts_are_read_as_people_type_them(string text, string currency, long minor)
    {
        Assert.True(Money.TryParse(text, currency, out var parsed, out var error), error);
        Assert.Equal(minor, parsed);
    }

    [Theory]
    [InlineData("1.234", "USD", "at most 2 decimal places")]
    [InlineData("1.5", "JPY", "no decimal places")]
    [InlineData("", "USD", "Enter an amount")]
    [InlineData("abc", "USD", "Enter a number")]
    [InlineData("1e5", "USD", "Enter a number")]
    [InlineData("10000000000000.01", "USD", "too large")]
    [InlineData("99999999999999999999999999", "USD", "too large")]
    public void Bad_amounts_get_a_clear_message(string text, string currency, string message)
    {
        Assert.False(Money.TryParse(text, currency, out _, out var error));
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData(123456, "USD", "1,234.56", "1234.56")]
    [InlineData(-5, "USD", "-0.05", "-0.05")]
    [InlineData(1500, "JPY", "1,500", "1500")]
    [InlineData(1, "BHD", "0.001", "0.001")]
    public void Amounts_are_shown_with_the_currency_digits(long minor, string currency, string formatted, string plain)
    {
        Assert.Equal(formatted, Money.Format(minor, currency, CultureInfo.InvariantCulture));
        Assert.Equal(plain, Money.ToDecimalString(minor, currency, CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(AmountCases.All), MemberType = typeof(AmountCases))]
    public void Every_amount_in_the_table_is_read_exactly_or_refused_with_how_it_was_read(AmountCase amount)
    {
        var read = Money.TryParse(amount.Text, amount.Currency, CultureInfo.GetCultureInfo(amount.Culture), out var minor, out var error);

        if (amount.Minor is { } expected)
        {
            Assert.True(read, error);
            Assert.Equal(expected, minor);
        }
        else
        {
            Assert.False(read, $"read as {minor}");
            Assert.Contains(amount.Refusal!, error);
        }
    }

    [Theory]
    [InlineData("de-DE", 123456, "USD", "1.234,56")]
    [InlineData("fr-FR", -123456, "EUR", "-1\u202F234,56")]
    [InlineData("de-CH", 123456, "CHF", "1\u2019234.56")]
    [InlineData("ja-JP", 1500, "JPY", "1,500")]
    public void Amounts_are_shown_in_the_readers_format_and_read_back_the_same(string culture, long minor, string currency, string shown)
    {
        var format = CultureInfo.GetCultureInfo(culture);
        var text = Money.Format(minor, currency, format);

        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(shown), text);
        Assert.True(Money.TryParse(text, currency, format, out var back, out var error), error);
        Assert.Equal(minor, back);
        Assert.True(Money.TryParse(Money.ToDecimalString(minor, currency, format), currency, format, out back, out error), error);
        Assert.Equal(minor, back);
    }
}
