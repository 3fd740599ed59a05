using System.Globalization;
using System.Text;

namespace BlazorLedger.Common;

/// <summary>
/// The one strict reading of a typed amount: an optional leading minus (or plus), digits optionally grouped in threes,
/// and decimals. Anything that a person of another number format could have meant differently is refused, and the
/// refusal says how the text was read and what to write instead; nothing is ever silently reinterpreted.
/// </summary>
internal static class AmountReader
{
    private const string Spaces = " \u00A0\u202F";
    private const string Apostrophes = "'\u2019";
    private const string AnySeparator = ".," + Spaces + Apostrophes;
    private const char UnicodeMinus = '\u2212';

    // More digits than this before the decimals is beyond any posting in any currency, and beyond a long.
    private const int MaxIntegerDigits = 18;

    public static readonly AmountStyle Invariant = new('.', ',');

    // The formats people commonly mean; used only to suggest what they may have meant, never to read.
    private static readonly AmountStyle[] Others = [Invariant, new(',', '.'), new(',', ' '), new('.', ' '), new('.', '\'')];

    internal readonly record struct Amount(bool Negative, string Integer, string Fraction)
    {
        public int Decimals => Fraction.Length;

        public decimal Value
        {
            get
            {
                // Only the first 20 decimals matter: more are refused for every currency anyway.
                var fraction = Fraction.Length > 20 ? Fraction[..20] : Fraction;
                var value = decimal.Parse(fraction.Length == 0 ? Integer : $"{Integer}.{fraction}", CultureInfo.InvariantCulture);
                return Negative ? -value : value;
            }
        }
    }

    private enum Fault { None, Empty, Junk, Grouping, Foreign, TwoPoints, MissingDigits, SignPlacement, TooLarge }

    public static AmountStyle StyleOf(CultureInfo culture)
    {
        var format = culture.NumberFormat;
        return format.NumberDecimalSeparator is [var point] && format.NumberGroupSeparator is [var group]
            && format.NumberGroupSizes is [3] && AnySeparator.Contains(point) && AnySeparator.Contains(group)
                ? new AmountStyle(point, group)
                : Invariant;
    }

    /// <summary>Reads <paramref name="text"/> in <paramref name="style"/>; on failure, <paramref name="error"/> explains it to a person.</summary>
    public static bool TryRead(string? text, AmountStyle style, out Amount amount, out string error)
    {
        var trimmed = text?.Trim() ?? "";
        var fault = Scan(trimmed, style, out amount);
        error = fault switch
        {
            Fault.None => "",
            Fault.Empty => "Enter an amount.",
            Fault.TooLarge => $"{Quote(trimmed)} is too large.",
            Fault.Grouping => NotAnAmount(trimmed, $"in {style.Example} style the {style.GroupName} only separates thousands",
                Suggestion(trimmed, style)),
            Fault.Foreign => NotAnAmount(trimmed,
                $"in {style.Example} style thousands are separated by {Article(style.GroupName)} and decimals by {Article(style.DecimalName)}",
                Suggestion(trimmed, style)),
            Fault.TwoPoints => NotAnAmount(trimmed, $"in {style.Example} style the {style.DecimalName} marks the decimals and comes once",
                Suggestion(trimmed, style)),
            Fault.MissingDigits => NotAnAmount(trimmed, "digits go on both sides of the decimal mark", Completed(trimmed, style)),
            Fault.SignPlacement => NotAnAmount(trimmed, "the minus sign goes first", Negated(trimmed, style)),
            _ => $"{Quote(trimmed)} is not an amount. Enter a number such as {style.Example}.",
        };
        return fault == Fault.None;
    }

    /// <summary>Reads <paramref name="text"/> in <paramref name="style"/> without explaining a failure: for trying many cells in many styles.</summary>
    public static bool TryRead(string? text, AmountStyle style, out Amount amount) => Scan(text?.Trim() ?? "", style, out amount) == Fault.None;

    /// <summary>For an amount with too many decimals for its currency: how it reads in another common format, if it fits there.</summary>
    public static string? OtherReading(string? text, AmountStyle style, int maxDecimals)
    {
        var trimmed = text?.Trim() ?? "";
        var readings = Others.Where(o => o != style)
            .Select(o => Scan(trimmed, o, out var other) == Fault.None && other.Decimals <= maxDecimals ? other : (Amount?)null)
            .OfType<Amount>()
            .Select(a => Write(a, style))
            .Distinct()
            .ToList();
        return readings.Count == 1 ? readings[0] : null;
    }

    private static string Article(string noun) => (noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + noun;

    /// <summary>
    /// What was typed, quoted for a message: cut at 24 characters, and a control or format character (a text-direction one
    /// would turn the rest of the message around) written as its code point, e.g. [U+202E].
    /// </summary>
    public static string Quote(string text)
    {
        var shown = text.Length > 24 ? text[..24] + "…" : text;
        if (shown.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            shown = string.Concat(shown.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format
                ? $"[U+{(int)c:X4}]" : c.ToString()));
        }
        return $"\"{shown}\"";
    }

    /// <summary>The amount as it would be typed in <paramref name="style"/>, with its digits exactly as given.</summary>
    public static string Write(Amount amount, AmountStyle style)
    {
        var text = new StringBuilder();
        if (amount.Negative)
        {
            text.Append('-');
        }
        var integer = amount.Integer.TrimStart('0') is { Length: > 0 } significant ? significant : "0";
        for (var i = 0; i < integer.Length; i++)
        {
            if (i > 0 && (integer.Length - i) % 3 == 0)
            {
                text.Append(style.Group);
            }
            text.Append(integer[i]);
        }
        if (amount.Decimals > 0)
        {
            text.Append(style.Decimal).Append(amount.Fraction);
        }
        return text.ToString();
    }

    private static string NotAnAmount(string text, string reason, string? suggestion) =>
        suggestion is null ? $"{Quote(text)} is not an amount: {reason}." : $"{Quote(text)} is not an amount: {reason}; write {suggestion}.";

    private static string? Suggestion(string text, AmountStyle style)
    {
        var readings = Others.Where(o => o != style)
            .Select(o => Scan(text, o, out var other) == Fault.None ? Write(other, style) : null)
            .OfType<string>()
            .Distinct()
            .ToList();
        return readings.Count == 1 ? readings[0] : null;
    }

    private static string? Completed(string text, AmountStyle style)
    {
        var body = text.TrimStart('-', '+', UnicodeMinus);
        var sign = text[..(text.Length - body.Length)];
        var completed = body.StartsWith(style.Decimal) ? $"{sign}0{body}" : sign + body.TrimEnd(style.Decimal);
        return Scan(completed, style, out var amount) == Fault.None ? Write(amount, style) : null;
    }

    private static string? Negated(string text, AmountStyle style)
    {
        var inner = text.StartsWith('(') && text.EndsWith(')') ? text[1..^1].Trim() : text.TrimEnd('-', UnicodeMinus).TrimEnd();
        return Scan(inner, style, out var amount) == Fault.None && !inner.StartsWith('-') && !inner.StartsWith(UnicodeMinus)
            ? Write(amount with { Negative = true }, style)
            : null;
    }

    private static Fault Scan(string text, AmountStyle style, out Amount amount)
    {
        amount = default;
        if (text.Length == 0)
        {
            return Fault.Empty;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && !AnySeparator.Contains(c) && c is not ('-' or '+' or UnicodeMinus or '(' or ')'))
            {
                return Fault.Junk;
            }
        }

        var negative = text[0] is '-' or UnicodeMinus;
        var body = text[0] is '-' or '+' or UnicodeMinus ? text[1..] : text;
        if (body.Any(c => c is '-' or '+' or UnicodeMinus or '(' or ')'))
        {
            var trailing = body.Length > 1 && body[^1] is '-' or UnicodeMinus && body[..^1].All(c => char.IsAsciiDigit(c) || AnySeparator.Contains(c));
            var wrapped = text.Length > 2 && text[0] == '(' && text[^1] == ')' && text[1..^1].All(c => char.IsAsciiDigit(c) || AnySeparator.Contains(c));
            return (trailing && body[0] is not ('-' or UnicodeMinus)) || wrapped ? Fault.SignPlacement : Fault.Junk;
        }
        if (body.Length == 0 || (!char.IsAsciiDigit(body[0]) && body[0] != style.Decimal))
        {
            return Fault.Junk;
        }
        if (body.Any(c => AnySeparator.Contains(c) && c != style.Decimal && !style.IsGroup(c)))
        {
            return Fault.Foreign;
        }

        var point = body.IndexOf(style.Decimal);
        if (point >= 0 && body.IndexOf(style.Decimal, point + 1) >= 0)
        {
            return Fault.TwoPoints;
        }
        var integer = point < 0 ? body : body[..point];
        var fraction = point < 0 ? "" : body[(point + 1)..];
        if (fraction.Any(c => !char.IsAsciiDigit(c)))
        {
            return Fault.Grouping;
        }
        if (point >= 0 && (integer.Length == 0 || fraction.Length == 0))
        {
            return integer.Any(style.IsGroup) ? Fault.Grouping : Fault.MissingDigits;
        }
        if (integer.Any(style.IsGroup))
        {
            var groups = integer.Split(style.GroupChars);
            if (groups[0].Length is < 1 or > 3 || groups[0][0] == '0' || groups.Skip(1).Any(g => g.Length != 3))
            {
                return Fault.Grouping;
            }
            integer = string.Concat(groups);
        }
        if (integer.TrimStart('0').Length > MaxIntegerDigits)
        {
            return Fault.TooLarge;
        }
        amount = new Amount(negative, integer, fraction);
        return Fault.None;
    }
}
