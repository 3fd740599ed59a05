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

    /// <summary>
    /// Each account's full name in a journal, "Assets:Bank:Savings": a sub-account's is its parent's followed by its own
    /// segment, a top-level account's its type's root followed by its segment. Parents are named first, shallower before
    /// deeper, then by type and name, and a name already taken is numbered ("Food", "Food (2)").
    /// </summary>
    public static Dictionary<Guid, string> Paths(IReadOnlyList<ExportAccount> accounts, Func<string, string> segment, Func<string, int, string> numbered)
    {
        var byId = accounts.ToDictionary(a => a.Id);
        int Depth(ExportAccount account)
        {
            var depth = 0;
            // Bounded by the number of accounts, so a damaged chart with a loop still ends.
            for (var at = account; at.ParentId is { } parent && byId.TryGetValue(parent, out var next) && depth < accounts.Count; at = next)
            {
                depth++;
            }
            return depth;
        }
        var result = new Dictionary<Guid, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in accounts.OrderBy(Depth).ThenBy(a => a.Type).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            var under = account.ParentId is { } parentId && result.TryGetValue(parentId, out var parentName) ? parentName : HledgerText.Root(account.Type);
            var name = $"{under}:{segment(account.Name)}";
            var candidate = name;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = numbered(name, n);
            }
            result[account.Id] = candidate;
        }
        return result;
    }
}
