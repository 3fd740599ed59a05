using System.Globalization;

namespace BlazorLedger.Common;

/// <summary>Conversions between minor units (the only form money is stored and summed in) and text.</summary>
public static class Money
{
    /// <summary>The largest magnitude of a single posting, in minor units.</summary>
    public const long MaxPostingMinor = 1_000_000_000_000_000;

    /// <summary>
    /// The amount as a person of <paramref name="culture"/> would type it ("1234,50"): no grouping, the currency's digits.
    /// APIs and files use the invariant culture ("1234.50").
    /// </summary>
    public static string ToDecimalString(long minor, string currency, CultureInfo culture) =>
        ToDecimal(minor, currency).ToString("F" + Currencies.MinorDigits(currency), culture);

    /// <summary>The amount as <paramref name="culture"/> writes it ("1.234,50" for de-DE), with the currency's digits.</summary>
    public static string Format(long minor, string currency, CultureInfo culture) =>
        ToDecimal(minor, currency).ToString("N" + Currencies.MinorDigits(currency), culture);

    /// <summary>"USD 1,234.50": the currency code, then the amount as <paramref name="culture"/> writes it.</summary>
    public static string FormatWithCode(long minor, string currency, CultureInfo culture) => $"{currency} {Format(minor, currency, culture)}";

    /// <summary>A sum of balances, which may go beyond 64 bits (a roll-up of several accounts), written exactly.</summary>
    public static string FormatWithCode(Int128 minor, string currency, CultureInfo culture) =>
        $"{currency} {((decimal)minor / Pow10(Currencies.MinorDigits(currency))).ToString("N" + Currencies.MinorDigits(currency), culture)}";

    public static decimal ToDecimal(long minor, string currency) => minor / Pow10(Currencies.MinorDigits(currency));

    /// <summary>Reads an amount written the invariant way ("-1234.56", "1,234.56"): the API's and files' format.</summary>
    public static bool TryParse(string? text, string currency, out long minor, out string error) =>
        TryParse(text, currency, CultureInfo.InvariantCulture, out minor, out error);

    /// <summary>
    /// Reads an amount as a person of <paramref name="culture"/> writes it ("1.234,56" for de-DE), strictly: anything another
    /// format could read differently, more decimals than the currency has, or more than <see cref="MaxPostingMinor"/> is refused
    /// with a message that says how the text was read.
    /// </summary>
    public static bool TryParse(string? text, string currency, CultureInfo culture, out long minor, out string error)
    {
        minor = 0;
        var style = AmountReader.StyleOf(culture);
        if (!AmountReader.TryRead(text, style, out var amount, out error))
        {
            return false;
        }
        var digits = Currencies.MinorDigits(currency);
        var quoted = AmountReader.Quote(text!.Trim());
        if (amount.Decimals > digits)
        {
            var places = $"{quoted} has {amount.Decimals} decimal place{(amount.Decimals == 1 ? "" : "s")}. " + (digits == 0
                ? $"{currency} has no decimal places."
                : $"{currency} allows at most {digits} decimal place{(digits == 1 ? "" : "s")}.");
            error = AmountReader.OtherReading(text, style, digits) is { } other ? $"{places} If you meant {other}, write {other}." : places;
            return false;
        }
        var scaled = amount.Value * Pow10(digits);
        if (Math.Abs(scaled) > MaxPostingMinor)
        {
            error = $"{quoted} is too large: one posting is at most {Format(MaxPostingMinor, currency, culture)}.";
            return false;
        }
        minor = (long)scaled;
        return true;
    }

    /// <summary>Reads the size of an amount in no particular currency (a search), as strictly as <see cref="TryParse(string?, string, CultureInfo, out long, out string)"/>.</summary>
    public static bool TryParseSize(string? text, CultureInfo culture, out decimal size, out int decimals, out string error)
    {
        size = 0;
        decimals = 0;
        if (!AmountReader.TryRead(text, AmountReader.StyleOf(culture), out var amount, out error))
        {
            return false;
        }
        if (Math.Abs(amount.Value) > MaxPostingMinor)
        {
            error = $"{AmountReader.Quote(text!.Trim())} is too large.";
            return false;
        }
        (size, decimals) = (Math.Abs(amount.Value), amount.Decimals);
        return true;
    }

    public static bool TryFromDecimal(decimal value, string currency, out long minor, out string error)
    {
        minor = 0;
        var digits = Currencies.MinorDigits(currency);
        if (Math.Abs(value) > MaxPostingMinor)
        {
            error = "The amount is too large.";
            return false;
        }
        var scaled = value * Pow10(digits);
        if (scaled != decimal.Truncate(scaled))
        {
            error = digits == 0
                ? $"{currency} has no decimal places."
                : $"{currency} allows at most {digits} decimal place{(digits == 1 ? "" : "s")}.";
            return false;
        }
        if (Math.Abs(scaled) > MaxPostingMinor)
        {
            error = "The amount is too large.";
            return false;
        }
        minor = (long)scaled;
        error = "";
        return true;
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 10000m };
}
