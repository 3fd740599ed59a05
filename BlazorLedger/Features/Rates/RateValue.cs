using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Rates;

/// <summary>
/// What a rate may be: more than zero, at most <see cref="ExchangeRateLimits.MaxRate"/>, at most
/// <see cref="ExchangeRateLimits.MaxSignificantDigits"/> significant digits and <see cref="ExchangeRateLimits.MaxDecimals"/>
/// decimal places (1.0842, 0.00002375, 151.37). Text is read with the one strict amount reader, so "1,5" is never taken for 15.
/// </summary>
public static class RateValue
{
    /// <summary>Reads a rate as a person of <paramref name="culture"/> writes it (the API uses the invariant culture, "1.0842").</summary>
    public static bool TryParse(string? text, CultureInfo culture, out decimal rate, out string error)
    {
        rate = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Enter the rate: what one unit of the currency is worth in the book's currency.";
            return false;
        }
        if (!AmountReader.TryRead(text, AmountReader.StyleOf(culture), out var amount, out error))
        {
            return false;
        }
        if (amount.Decimals > 20)
        {
            error = $"A rate has at most {ExchangeRateLimits.MaxDecimals} decimal places.";
            return false;
        }
        rate = amount.Value;
        return Check(rate) is not { } problem || Fail(problem, out error);
    }

    /// <summary>Why <paramref name="rate"/> cannot be a rate, or null when it can.</summary>
    public static string? Check(decimal rate)
    {
        if (rate <= 0)
        {
            return "A rate must be more than zero.";
        }
        if (rate > ExchangeRateLimits.MaxRate)
        {
            return $"A rate is at most {ExchangeRateLimits.MaxRate.ToString("N0", CultureInfo.InvariantCulture)}.";
        }
        var normal = Normalize(rate);
        var decimals = normal.Scale;
        if (decimals > ExchangeRateLimits.MaxDecimals)
        {
            return $"A rate has at most {ExchangeRateLimits.MaxDecimals} decimal places.";
        }
        var digits = Digits(normal);
        return digits > ExchangeRateLimits.MaxSignificantDigits
            ? $"A rate has at most {ExchangeRateLimits.MaxSignificantDigits} significant digits ({digits} given)."
            : null;
    }

    /// <summary>The same value without trailing zeros (1.50 → 1.5), as it is stored and shown.</summary>
    public static decimal Normalize(decimal rate) => rate / 1.0000000000000000000000000000m;

    /// <summary>The rate exactly, the invariant way ("1.0842"), as the API and files show it.</summary>
    public static string ToText(decimal rate) => Normalize(rate).ToString(CultureInfo.InvariantCulture);

    /// <summary>The rate exactly as <paramref name="culture"/> writes numbers, every digit kept.</summary>
    public static string Format(decimal rate, CultureInfo culture) =>
        Normalize(rate).ToString("#,##0." + new string('#', ExchangeRateLimits.MaxDecimals + 8), culture);

    private static int Digits(decimal normal)
    {
        // The digits of the unscaled integer, less the leading zeros of a value below one (0.0025 has two).
        var unscaled = decimal.Truncate(normal * Pow10(normal.Scale));
        return unscaled.ToString(CultureInfo.InvariantCulture).Length;
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }

    private static bool Fail(string problem, out string error)
    {
        error = problem;
        return false;
    }
}
