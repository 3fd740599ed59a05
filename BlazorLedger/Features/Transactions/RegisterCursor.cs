using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Where the next page starts: after (Date, PostingId) of one account, with the running balance before that posting.
/// Protected (encrypted and signed) so that a client can neither read it, forge a balance, nor use it on another account.
/// A parent's register, which walks its sub-accounts' postings too, carries the running balance of each currency in
/// <paramref name="Balances"/>.
/// </summary>
internal sealed record RegisterCursor(Guid BookId, Guid AccountId, DateOnly Date, long PostingId, long BalanceBefore,
    IReadOnlyDictionary<string, long>? Balances = null)
{
    public const string Purpose = "BlazorLedger.Transactions.RegisterCursor.v1";

    public string Protect(IDataProtector protector) => WebEncoders.Base64UrlEncode(
        protector.Protect(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{BookId:N}.{AccountId:N}.{Date.DayNumber}.{PostingId}.{BalanceBefore}")
            + (Balances is null ? "" : "." + string.Join(",", Balances.Select(b => FormattableString.Invariant($"{b.Key}:{b.Value}")))))));

    public static bool TryUnprotect(IDataProtector protector, string text, out RegisterCursor? cursor)
    {
        cursor = null;
        string fields;
        try
        {
            fields = Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(text)));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
        var parts = fields.Split('.');
        IReadOnlyDictionary<string, long>? balances = null;
        if (parts.Length == 6)
        {
            var read = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var pair in parts[5].Split(','))
            {
                var split = pair.Split(':');
                if (split.Length != 2 || !long.TryParse(split[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                    || !read.TryAdd(split[0], value))
                {
                    return false;
                }
            }
            balances = read;
        }
        if (parts.Length is 5 or 6
            && Guid.TryParseExact(parts[0], "N", out var book)
            && Guid.TryParseExact(parts[1], "N", out var account)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && long.TryParse(parts[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var balance))
        {
            cursor = new RegisterCursor(book, account, DateOnly.FromDayNumber(day), id, balance, balances);
            return true;
        }
        return false;
    }
}
