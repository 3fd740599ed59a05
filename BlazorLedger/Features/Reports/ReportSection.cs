namespace BlazorLedger.Features.Reports;

/// <summary>One account's line in a report's table; <paramref name="From"/> is set on a line converted into the base currency.</summary>
public sealed record ComparedLine(Guid AccountId, string Name, string? Code, ComparedAmount Value, ConvertedFrom? From = null);

/// <summary>Accounts of one kind (income, assets …) with their total, labelled and marked for tests by <paramref name="TestId"/>.</summary>
public sealed record ReportGroup(string Title, IReadOnlyList<ComparedLine> Lines, string TotalLabel, ComparedAmount Total, string TestId);

/// <summary>A figure below the groups (net income, retained earnings).</summary>
public sealed record ReportTotal(string Label, ComparedAmount Value, string TestId);

/// <summary>
/// One currency's part of a report, ready to show: each currency stands alone (in a converted report, the base currency's
/// section holds the currencies converted into it). <see cref="Balances"/>
/// is set on balance sheets: whether assets equal liabilities, equity and retained earnings (in both sheets, when compared).
/// </summary>
public sealed record ReportSection(string Currency, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<ReportTotal> Totals, bool? Balances = null)
{
    public ReportGroup Group(string testId) => Groups.Single(g => g.TestId == testId);

    public ReportTotal Total(string testId) => Totals.Single(t => t.TestId == testId);
}
