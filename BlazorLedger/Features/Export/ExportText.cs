using System.Globalization;
using System.Text;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Export;

/// <summary>Text and numbers as the journal formats need them.</summary>
internal static class ExportText
{
    /// <summary>The exact amount with the currency's digits and a point, "-1234.50": what every format here reads.</summary>
    public static string Amount(long minor, string currency) => Money.ToDecimalString(minor, currency, CultureInfo.InvariantCulture);

    /// <summary>Text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text; amounts are numbers and stay as they are.</summary>
    public static string Cell(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;

    /// <summary>One line of text: control characters and runs of whitespace become one space.</summary>
    public static string Line(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space && (builder.Length == 0 || builder[^1] == ' '))
            {
                continue;
            }
            builder.Append(space ? ' ' : c);
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>A file name from a book name: letters, digits, dashes; never empty.</summary>
    public static string FileName(string bookName, string extension)
    {
        var stem = new string(bookName.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (stem.Contains("--", StringComparison.Ordinal))
        {
            stem = stem.Replace("--", "-", StringComparison.Ordinal);
        }
        return $"{(stem.Length == 0 ? "book" : stem[..Math.Min(stem.Length, 60)])}.{extension}";
    }

    /// <summary>Makes each name unique by numbering the later ones: "Food", "Food (2)".</summary>
    public static Dictionary<Guid, string> Unique(IEnumerable<(Guid Id, string Name)> names, Func<string, int, string> numbered)
    {
        var result = new Dictionary<Guid, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, name) in names)
        {
            var candidate = name;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = numbered(name, n);
            }
            result[id] = candidate;
        }
        return result;
    }
}
