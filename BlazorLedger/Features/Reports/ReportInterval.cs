namespace BlazorLedger.Features.Reports;

public enum ReportInterval
{
    Week,
    Month,
    Quarter,
    Year,
}
