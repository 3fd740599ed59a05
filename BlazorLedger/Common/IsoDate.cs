using System.Globalization;

namespace BlazorLedger.Common;

/// <summary>
/// Calendar dates as the API exchanges them: ISO 8601 <c>yyyy-MM-dd</c>, Gregorian, whatever culture the server runs in.
/// The server's culture must not decide what a client meant: under th-TH "2026-11-25" would otherwise be a Buddhist-era
/// year, more than five centuries earlier.
/// </summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
