namespace BlazorLedger.Features.Import;

/// <summary>The date formats of bank statements; <see cref="StatementDates"/> reads and names them.</summary>
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
}
