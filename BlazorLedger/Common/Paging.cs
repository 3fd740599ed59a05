using System.Text;

namespace BlazorLedger.Common;

/// <summary>What keyset-paged queries share: the checks on their inputs and the opaque cursor encoding.</summary>
public static class Paging
{
    public const string InvalidCursor = "This page link is not valid; start again from the first page.";

    public static void Validate(ValidationErrors errors, int limit, int maxLimit, DateOnly? from, DateOnly? to)
    {
        if (limit < 1 || limit > maxLimit)
        {
            errors.Add("Limit", $"Choose a page size from 1 to {maxLimit}.");
        }
        if (from > to)
        {
            errors.Add("From", "The start date is after the end date.");
        }
    }

    /// <summary>URL-safe base64 of the cursor's fields; opaque to clients.</summary>
    public static string Encode(string fields) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(fields)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out string fields)
    {
        fields = "";
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        try
        {
            fields = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
