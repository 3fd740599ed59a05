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

    /// <summary>
    /// Why <paramref name="text"/>, which <see cref="TryParse"/> refused, is not a date: <paramref name="otherwise"/> (how to
    /// write one), unless it is written that way and names a day the calendar does not have ("2026-02-30").
    /// </summary>
    public static string Refusal(string? text, string otherwise = "Give a date as yyyy-MM-dd.") =>
        text is { Length: 10 } && text[4] == '-' && text[7] == '-' && text.Where((c, i) => i is not (4 or 7)).All(char.IsAsciiDigit)
            ? $"There is no day {text} in the calendar: check the month and the day."
            : otherwise;
}
