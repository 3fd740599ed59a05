using System.Globalization;

namespace BlazorLedger.Common;

/// <summary>Conversions between minor units (the only form money is stored and summed in) and text.</summary>
public static class Money
{
    /// <summary>The largest magnitude of a single posting, in minor units.</summary>
    public const long MaxPostingMinor = 1_000_000_000_000_000;

    /// <summary>"1234.5" style text with exactly the currency's digits, invariant culture: for APIs and files.</summary>
    public static string ToDecimalString(long minor, string currency) =>
        ToDecimal(minor, currency).ToString("F" + Currencies.MinorDigits(currency), CultureInfo.InvariantCulture);

    /// <summary>"1,234.50" style text with group separators and the currency's digits, for people.</summary>
    public static string Format(long minor, string currency) =>
        ToDecimal(minor, currency).ToString("N" + Currencies.MinorDigits(currency), CultureInfo.InvariantCulture);

    /// <summary>"USD 1,234.50".</summary>
    public static string FormatWithCode(long minor, string currency) => $"{currency} {Format(minor, currency)}";

    public static decimal ToDecimal(long minor, string currency) => minor / Pow10(Currencies.MinorDigits(currency));

    /// <summary>
    /// Reads an amount as people type it ("1,234.56", "-12.3", " 5 "), refusing more decimals than the currency allows
    /// and anything beyond ±10^15 minor units.
    /// </summary>
    public static bool TryParse(string? text, string currency, out long minor, out string error)
    {
        minor = 0;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "Enter an amount.";
            return false;
        }
        if (trimmed.Length > 40 || !decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint |
                NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var value))
        {
            error = "Enter a number such as 1,234.56.";
            return false;
        }
        return TryFromDecimal(value, currency, out minor, out error);
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
