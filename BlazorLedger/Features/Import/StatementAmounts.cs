using BlazorLedger.Common;

namespace BlazorLedger.Features.Import;

/// <summary>Reads a statement's amount cells into minor units, strictly, with <see cref="AmountReader"/>.</summary>
internal static class StatementAmounts
{
    public static IReadOnlyList<StatementNumberFormat> All { get; } = Enum.GetValues<StatementNumberFormat>();

    private static readonly string[] Symbols = ["€", "$", "£", "¥", "₹", "CHF", "Fr."];

    // Made once: a statement's every amount is read in every format while the format is detected.
    private static readonly AmountStyle CommaDecimal = new(',', '.'), CommaDecimalSpaceGrouped = new(',', ' '), PointDecimalApostropheGrouped = new('.', '\'');

    public static AmountStyle Style(StatementNumberFormat format) => format switch
    {
        StatementNumberFormat.PointDecimal => AmountReader.Invariant,
        StatementNumberFormat.CommaDecimal => CommaDecimal,
        StatementNumberFormat.CommaDecimalSpaceGrouped => CommaDecimalSpaceGrouped,
        _ => PointDecimalApostropheGrouped,
    };

    public static string Name(StatementNumberFormat format) => Style(format).Example;

    /// <summary>
    /// Reads <paramref name="text"/> in <paramref name="format"/> as minor units of <paramref name="currency"/>. A currency code or
    /// symbol around the number is ignored, and so are the sign placements banks use besides a leading minus: "(12.50)" and
    /// "12.50-". Anything else another format could read differently is refused, with the reason.
    /// </summary>
    public static bool TryRead(string? text, StatementNumberFormat format, string currency, out long minor, out string error)
    {
        minor = 0;
        var cleaned = Clean(text, currency);
        var style = Style(format);
        if (!AmountReader.TryRead(cleaned, style, out var amount, out error))
        {
            return false;
        }
        return ToMinor(amount, cleaned, currency, out minor, out error);
    }

    /// <summary>As the above, without the reason for a refusal: for trying every amount of a file in every format.</summary>
    public static bool TryRead(string? text, StatementNumberFormat format, string currency, out long minor)
    {
        minor = 0;
        var cleaned = Clean(text, currency);
        return AmountReader.TryRead(cleaned, Style(format), out var amount) && ToMinor(amount, cleaned, currency, out minor, out _);
    }

    /// <summary>Converts a read amount to minor units, refusing more decimals than the currency has and amounts beyond a posting's limit.</summary>
    public static bool ToMinor(AmountReader.Amount amount, string text, string currency, out long minor, out string error)
    {
        minor = 0;
        error = "";
        var digits = Currencies.MinorDigits(currency);
        if (amount.Decimals > digits)
        {
            error = $"{AmountReader.Quote(text)} has {amount.Decimals} decimal places; {currency} has {digits}.";
            return false;
        }
        var scaled = amount.Value * (decimal)Math.Pow(10, digits);
        if (Math.Abs(scaled) > Money.MaxPostingMinor)
        {
            error = $"{AmountReader.Quote(text)} is too large for one transaction.";
            return false;
        }
        minor = (long)scaled;
        return true;
    }

    private static string Clean(string? text, string currency)
    {
        var value = (text ?? "").Trim();
        // Most cells are a bare number, perhaps signed: no symbol nor sign placement below can apply to one.
        var start = value.Length > 0 && value[0] is '-' or '+' ? 1 : 0;
        if (value.Length > start && char.IsAsciiDigit(value[start]) && char.IsAsciiDigit(value[^1]))
        {
            return value;
        }
        foreach (var symbol in Symbols.Append(currency))
        {
            if (value.StartsWith(symbol, StringComparison.OrdinalIgnoreCase))
            {
                value = value[symbol.Length..].Trim();
            }
            else if (value.EndsWith(symbol, StringComparison.OrdinalIgnoreCase))
            {
                value = value[..^symbol.Length].Trim();
            }
        }
        // "-$12.50": the sign before the symbol.
        if (value.Length > 1 && value[0] is '-' or '+' && Symbols.Any(s => value[1..].TrimStart().StartsWith(s, StringComparison.Ordinal)))
        {
            var rest = value[1..].TrimStart();
            var symbol = Symbols.First(s => rest.StartsWith(s, StringComparison.Ordinal));
            value = value[0] + rest[symbol.Length..].Trim();
        }
        if (value.Length > 2 && value[0] == '(' && value[^1] == ')')
        {
            return "-" + value[1..^1].Trim();
        }
        if (value.Length > 1 && value[^1] == '-' && char.IsAsciiDigit(value[^2]))
        {
            return "-" + value[..^1];
        }
        return value;
    }
}
