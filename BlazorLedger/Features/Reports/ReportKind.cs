namespace BlazorLedger.Features.Reports;

/// <summary>The reports the reports page shows, one tab each.</summary>
public enum ReportKind
{
    IncomeStatement,
    BalanceSheet,
    NetWorth,
    Spending,
}
