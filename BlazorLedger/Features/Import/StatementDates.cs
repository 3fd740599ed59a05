using System.Globalization;

namespace BlazorLedger.Features.Import;

internal static class StatementDates
{
    public static IReadOnlyList<StatementDateFormat> All { get; } = Enum.GetValues<StatementDateFormat>();

    /// <summary>How a person recognises the format.</summary>
    public static string Name(StatementDateFormat format) => format switch
    {
        StatementDateFormat.YearMonthDay => "yyyy-MM-dd",
        StatementDateFormat.DayMonthYearDots => "dd.MM.yyyy",
        StatementDateFormat.MonthDayYearSlashes => "MM/dd/yyyy",
        _ => "dd/MM/yyyy",
    };

    // Banks write days and months with and without a leading zero; the year always has four digits, so no century is guessed.
    private static string[] Patterns(StatementDateFormat format) => format switch
    {
        StatementDateFormat.YearMonthDay => ["yyyy-MM-dd", "yyyy-M-d"],
        StatementDateFormat.DayMonthYearDots => ["dd.MM.yyyy", "d.M.yyyy"],
        StatementDateFormat.MonthDayYearSlashes => ["MM/dd/yyyy", "M/d/yyyy"],
        _ => ["dd/MM/yyyy", "d/M/yyyy"],
    };

    public static bool TryParse(string? text, StatementDateFormat format, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Patterns(format), CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool LooksLikeDate(string? text) => All.Any(f => TryParse(text, f, out _));
}
