using System.Globalization;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// The transaction list's filters as the page's address holds them (<c>q</c>, <c>account</c>, <c>tag</c>, <c>payee</c>,
/// <c>minAmount</c>, <c>maxAmount</c>, <c>from</c>, <c>to</c>, <c>sort</c>), so that a list can be bookmarked, shared and
/// found again with the back button. Amounts are written the invariant way ("1234.5") whoever reads the link; the page shows
/// them in the reader's own format. What cannot be read is left out and named in <see cref="Ignored"/>, never an error.
/// </summary>
public sealed record TransactionFilters(
    string? Text = null,
    Guid? Account = null,
    string? Tag = null,
    string? Payee = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null,
    DateOnly? From = null,
    DateOnly? To = null,
    TransactionSort Sort = TransactionSort.NewestFirst)
{
    private static readonly Dictionary<TransactionSort, string> Sorts = new()
    {
        [TransactionSort.NewestFirst] = "newest", [TransactionSort.OldestFirst] = "oldest", [TransactionSort.DescriptionAToZ] = "description",
    };

    /// <summary>The filters an address holds, and a line for each value that could not be read (and was left out).</summary>
    public static (TransactionFilters Filters, IReadOnlyList<string> Ignored) Parse(string? q, string? account, string? tag, string? payee,
        string? minAmount, string? maxAmount, string? from, string? to, string? sort)
    {
        var ignored = new List<string>();
        Guid? accountId = null;
        if (!string.IsNullOrWhiteSpace(account))
        {
            if (Guid.TryParse(account, out var id)) { accountId = id; } else { ignored.Add($"account \"{account}\" is not an account id"); }
        }
        var tagText = Trimmed(tag)?.ToLowerInvariant();
        if (tagText is not null && !TransactionTags.IsValid(tagText))
        {
            ignored.Add($"tag \"{tag}\" is not a tag");
            tagText = null;
        }
        var min = Amount(minAmount, "minAmount", ignored);
        var max = Amount(maxAmount, "maxAmount", ignored);
        if (min is { } low && max is { } high && high < low)
        {
            ignored.Add($"maxAmount {high.ToString(CultureInfo.InvariantCulture)} is below minAmount {low.ToString(CultureInfo.InvariantCulture)}");
            max = null;
        }
        var start = Date(from, "from", ignored);
        var end = Date(to, "to", ignored);
        var order = TransactionSort.NewestFirst;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            var found = Sorts.FirstOrDefault(s => string.Equals(s.Value, sort.Trim(), StringComparison.OrdinalIgnoreCase));
            if (found.Value is null) { ignored.Add($"sort \"{sort}\" is not one of newest, oldest, description"); } else { order = found.Key; }
        }
        return (new TransactionFilters(Trimmed(q), accountId, tagText, Trimmed(payee), min, max, start, end, order), ignored);
    }

    /// <summary>The address's query for these filters; null removes a parameter, so defaults leave no trace.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["q"] = Text,
        ["account"] = Account?.ToString(),
        ["tag"] = Tag,
        ["payee"] = Payee,
        ["minAmount"] = MinAmount?.ToString(CultureInfo.InvariantCulture),
        ["maxAmount"] = MaxAmount?.ToString(CultureInfo.InvariantCulture),
        ["from"] = From?.ToString(IsoDate.Format, CultureInfo.InvariantCulture),
        ["to"] = To?.ToString(IsoDate.Format, CultureInfo.InvariantCulture),
        ["sort"] = Sort == TransactionSort.NewestFirst ? null : Sorts[Sort],
    };

    public bool Any => this != new TransactionFilters(Sort: Sort);

    /// <summary>An amount written the way <paramref name="culture"/> writes numbers, as the page's field shows it.</summary>
    public static string? AmountText(decimal? amount, CultureInfo culture) => amount?.ToString(culture);

    /// <summary>A size typed in <paramref name="culture"/>'s way (null when empty or unreadable).</summary>
    public static decimal? ReadAmount(string? text, CultureInfo culture) =>
        !string.IsNullOrWhiteSpace(text) && Money.TryParseSize(text, culture, out var size, out _, out _) ? size : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static decimal? Amount(string? text, string name, List<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Money.TryParseSize(text, CultureInfo.InvariantCulture, out var size, out _, out _))
        {
            return size;
        }
        ignored.Add($"{name} \"{text}\" is not an amount like 12.50");
        return null;
    }

    private static DateOnly? Date(string? text, string name, List<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (IsoDate.TryParse(text.Trim(), out var date))
        {
            return date;
        }
        ignored.Add($"{name} \"{text}\" is not a date like 2026-03-31");
        return null;
    }
}
