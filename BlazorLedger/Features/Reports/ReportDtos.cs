using BlazorLedger.Data;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// One account's line in a report, in its natural sign: income earned, expenses spent, assets owned, liabilities owed and
/// equity all positive (a refund or an overdraft shows negative).
/// In a report converted into the base currency, <paramref name="From"/> says what a line of another currency was before.
/// </summary>
public sealed record ReportLine(Guid AccountId, string Name, string? Code, AccountType Type, long Amount, ConvertedFrom? From = null);

/// <summary>Income and expenses of one currency over a period; <see cref="NetIncome"/> is what was earned minus what was spent.</summary>
public sealed record IncomeStatementCurrency(string Currency, IReadOnlyList<ReportLine> Income, IReadOnlyList<ReportLine> Expenses,
    long TotalIncome, long TotalExpenses)
{
    public long NetIncome => TotalIncome - TotalExpenses;
}

/// <summary>The income statement; <paramref name="Conversion"/> is set when it was put into the book's base currency.</summary>
public sealed record IncomeStatement(ReportPeriod Period, IReadOnlyList<IncomeStatementCurrency> Currencies, ReportConversion? Conversion = null);

/// <summary>
/// What one currency's accounts hold at a date. <see cref="RetainedEarnings"/> is all income minus all expenses up to the
/// date; assets equal liabilities plus equity plus retained earnings, which <see cref="Balances"/> checks.
/// </summary>
public sealed record BalanceSheetCurrency(string Currency, IReadOnlyList<ReportLine> Assets, IReadOnlyList<ReportLine> Liabilities,
    IReadOnlyList<ReportLine> Equity, long TotalAssets, long TotalLiabilities, long TotalEquity, long RetainedEarnings)
{
    public bool Balances => TotalAssets == TotalLiabilities + TotalEquity + RetainedEarnings;
}

/// <summary>The balance sheet; <paramref name="Conversion"/> is set when it was put into the book's base currency.</summary>
public sealed record BalanceSheet(DateOnly At, IReadOnlyList<BalanceSheetCurrency> Currencies, ReportConversion? Conversion = null);

/// <summary>One currency in one period: net worth (assets minus liabilities) at its end, income and expenses within it.</summary>
public sealed record NetWorthCurrency(string Currency, long NetWorth, long Income, long Expenses);

/// <summary>One period of the series; <paramref name="Conversion"/> is set when it was put into the base currency at its last day's rates.</summary>
public sealed record NetWorthPoint(ReportPeriod Period, IReadOnlyList<NetWorthCurrency> Currencies, ReportConversion? Conversion = null);

public sealed record NetWorthSeries(ReportInterval Interval, IReadOnlyList<NetWorthPoint> Points);
