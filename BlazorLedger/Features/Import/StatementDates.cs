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
        StatementDateFormat.DayMonthYearSlashes => "dd/MM/yyyy",
        StatementDateFormat.DayMonthShortYearDots => "dd.MM.yy",
        StatementDateFormat.MonthDayShortYearSlashes => "MM/dd/yy",
        _ => "dd/MM/yy",
    };

    // Banks write days and months with and without a leading zero. A pattern's year has exactly as many digits as it shows,
    // so "02.03.26" is never read as the year 26 nor "02.03.2026" as a two-digit year.
    private static string[] Patterns(StatementDateFormat format) => format switch
    {
        StatementDateFormat.YearMonthDay => ["yyyy-MM-dd", "yyyy-M-d"],
        StatementDateFormat.DayMonthYearDots => ["dd.MM.yyyy", "d.M.yyyy"],
        StatementDateFormat.MonthDayYearSlashes => ["MM/dd/yyyy", "M/d/yyyy"],
        StatementDateFormat.DayMonthYearSlashes => ["dd/MM/yyyy", "d/M/yyyy"],
        StatementDateFormat.DayMonthShortYearDots => ["dd.MM.yy", "d.M.yy"],
        StatementDateFormat.MonthDayShortYearSlashes => ["MM/dd/yy", "M/d/yy"],
        _ => ["dd/MM/yy", "d/M/yy"],
    };

    private static bool HasShortYear(StatementDateFormat format) =>
        format is StatementDateFormat.DayMonthShortYearDots or StatementDateFormat.MonthDayShortYearSlashes or StatementDateFormat.DayMonthShortYearSlashes;

    /// <summary>
    /// Reads <paramref name="text"/> in <paramref name="format"/>. A two-digit year yy is 20yy unless that date would be more
    /// than a year after <paramref name="today"/> (the latest date a transaction may have), and then 19yy: on 2 December 2026,
    /// "31.12.27" is 2027 and "01.01.28" is 1928. <paramref name="today"/> defaults to today's date in UTC.
    /// </summary>
    public static bool TryParse(string? text, StatementDateFormat format, out DateOnly date, DateOnly? today = null)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), Patterns(format), CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return false;
        }
        if (!HasShortYear(format))
        {
            return true;
        }
        // The culture's own two-digit-year window (1950 to 2049) is replaced by the rule above.
        var latest = (today ?? DateOnly.FromDateTime(DateTime.UtcNow)).AddYears(1);
        var shortYear = date.Year % 100;
        if (TryMake(2000 + shortYear, date.Month, date.Day, out var recent) && recent <= latest)
        {
            date = recent;
            return true;
        }
        // 29.02.00 too far ahead is not a date at all: 1900 was no leap year.
        return TryMake(1900 + shortYear, date.Month, date.Day, out date);
    }

    private static bool TryMake(int year, int month, int day, out DateOnly date)
    {
        var valid = day <= DateTime.DaysInMonth(year, month);
        date = valid ? new DateOnly(year, month, day) : default;
        return valid;
    }

    public static bool LooksLikeDate(string? text) => All.Any(f => TryParse(text, f, out _));
}
