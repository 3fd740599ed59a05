using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Import;

/// <summary>
/// The idempotency key of an imported row: the same bank transaction of the same account gets the same key in every file it
/// appears in, so importing a statement twice, or two statements that overlap, posts each transaction once.
/// </summary>
internal static class StatementFingerprint
{
    /// <summary>"csv1:" or "ofx1:" and 43 characters of base64url SHA-256; it must fit <see cref="TransactionLimits.MaxIdempotencyKey"/>.</summary>
    public const int Length = 48;

    /// <summary>
    /// A CSV row has no identity of its own: the account, date, amount and description, and which of the identical rows of
    /// the file this is (1 for the first). Two identical coffees on one day stay two rows; a statement that overlaps
    /// another by whole days gives the rows of those days the same keys.
    /// </summary>
    public static string Csv(Guid accountId, DateOnly date, long amount, string description, int occurrence) =>
        "csv1:" + Hash(string.Join('\n', accountId.ToString("D"), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            amount.ToString(CultureInfo.InvariantCulture), Normalize(description), occurrence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// An OFX row has the bank's FITID, unique per account; <paramref name="occurrence"/> keeps rows apart in the rare files
    /// that repeat one.
    /// </summary>
    public static string Ofx(Guid accountId, string fitId, int occurrence) =>
        "ofx1:" + Hash(string.Join('\n', accountId.ToString("D"), fitId.Trim(), occurrence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The text identical rows are compared by: the same words whatever the spacing or Unicode form.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Hash(string text) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Numbers each row among the rows with the same key before it: 1 for the first, 2 for the second...</summary>
    public static int[] Occurrences<TKey>(IReadOnlyList<TKey> keys) where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        var result = new int[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            result[i] = seen[keys[i]] = seen.GetValueOrDefault(keys[i]) + 1;
        }
        return result;
    }
}
