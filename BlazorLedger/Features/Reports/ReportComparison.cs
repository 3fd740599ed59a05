namespace BlazorLedger.Features.Reports;

/// <summary>What a report's figures are set against.</summary>
public enum ReportComparison
{
    None,
    PreviousPeriod,
    SamePeriodLastYear,
}
