namespace BlazorLedger.Features.Import;

/// <summary>
/// The date formats of bank statements; <see cref="StatementDates"/> reads and names them. Remembered mappings store the
/// number, so new formats go at the end.
/// </summary>
public enum StatementDateFormat
{
    /// <summary>yyyy-MM-dd</summary>
    YearMonthDay,
    /// <summary>dd.MM.yyyy</summary>
    DayMonthYearDots,
    /// <summary>MM/dd/yyyy</summary>
    MonthDayYearSlashes,
    /// <summary>dd/MM/yyyy</summary>
    DayMonthYearSlashes,
    /// <summary>dd.MM.yy, as German banks write it</summary>
    DayMonthShortYearDots,
    /// <summary>MM/dd/yy</summary>
    MonthDayShortYearSlashes,
    /// <summary>dd/MM/yy</summary>
    DayMonthShortYearSlashes,
}
