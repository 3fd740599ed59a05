namespace BlazorLedger.Features.Reports;

/// <summary>The periods a report offers, each taken from the book's <see cref="FinancialCalendar"/>.</summary>
public enum PeriodPreset
{
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    ThisYear,
    LastYear,
    YearToDate,
    Custom,
}
