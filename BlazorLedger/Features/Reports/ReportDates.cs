namespace BlazorLedger.Features.Reports;

/// <summary>
/// The dates a report's settings come to on a given day: the period (income statement, spending, net worth), the balance
/// sheet's date, and the figures they are compared with, if any.
/// </summary>
public sealed record ReportDates(ReportPeriod Period, ReportPeriod? ComparedPeriod, DateOnly At, DateOnly? ComparedAt);
