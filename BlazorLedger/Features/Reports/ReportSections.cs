namespace BlazorLedger.Features.Reports;

/// <summary>
/// Turns the service's reports into the tables the page shows: one section per currency that either side has, every
/// account that either side has (the other side's figure zero), and change and percentage where a comparison is given.
/// </summary>
public static class ReportSections
{
    public static IReadOnlyList<ReportSection> IncomeStatement(IncomeStatement now, IncomeStatement? before) =>
        Currencies(now.Currencies.Select(c => c.Currency), before?.Currencies.Select(c => c.Currency)).Select(currency =>
        {
            var n = now.Currencies.SingleOrDefault(c => c.Currency == currency) ?? new IncomeStatementCurrency(currency, [], [], 0, 0);
            var b = before is null ? null
                : before.Currencies.SingleOrDefault(c => c.Currency == currency) ?? new IncomeStatementCurrency(currency, [], [], 0, 0);
            return new ReportSection(currency,
            [
                new ReportGroup("Income", Lines(n.Income, b?.Income), "Total income", new(n.TotalIncome, b?.TotalIncome), "total-income"),
                new ReportGroup("Expenses", Lines(n.Expenses, b?.Expenses), "Total expenses", new(n.TotalExpenses, b?.TotalExpenses), "total-expenses"),
            ],
            [new ReportTotal("Net income", new(n.NetIncome, b?.NetIncome), "net-income")]);
        })
        .Where(s => s.Groups.Any(g => g.Lines.Count > 0))
        .ToList();

    /// <summary>The expense accounts alone, the largest first, for the spending breakdown.</summary>
    public static IReadOnlyList<ReportSection> Spending(IncomeStatement now, IncomeStatement? before) =>
        IncomeStatement(now, before)
            .Select(s =>
            {
                var expenses = s.Group("total-expenses");
                return s with { Groups = [expenses with { Lines = expenses.Lines.OrderByDescending(l => l.Value.Amount).ToList() }], Totals = [] };
            })
            .Where(s => s.Groups[0].Lines.Count > 0)
            .ToList();

    public static IReadOnlyList<ReportSection> BalanceSheet(BalanceSheet now, BalanceSheet? before) =>
        Currencies(now.Currencies.Select(c => c.Currency), before?.Currencies.Select(c => c.Currency)).Select(currency =>
        {
            var n = now.Currencies.SingleOrDefault(c => c.Currency == currency) ?? Empty(currency);
            var b = before is null ? null : before.Currencies.SingleOrDefault(c => c.Currency == currency) ?? Empty(currency);
            var claims = new ComparedAmount(n.TotalLiabilities + n.TotalEquity + n.RetainedEarnings,
                b is null ? null : b.TotalLiabilities + b.TotalEquity + b.RetainedEarnings);
            return new ReportSection(currency,
            [
                new ReportGroup("Assets", Lines(n.Assets, b?.Assets), "Total assets", new(n.TotalAssets, b?.TotalAssets), "total-assets"),
                new ReportGroup("Liabilities", Lines(n.Liabilities, b?.Liabilities), "Total liabilities", new(n.TotalLiabilities, b?.TotalLiabilities),
                    "total-liabilities"),
                new ReportGroup("Equity", Lines(n.Equity, b?.Equity), "Total equity", new(n.TotalEquity, b?.TotalEquity), "total-equity"),
            ],
            [
                new ReportTotal("Retained earnings", new(n.RetainedEarnings, b?.RetainedEarnings), "retained-earnings"),
                new ReportTotal("Liabilities, equity and retained earnings", claims, "total-claims"),
            ],
            n.Balances && (b?.Balances ?? true));
        })
        // A currency whose accounts hold nothing on either date has nothing to show.
        .Where(s => s.Groups.Any(g => g.Lines.Count > 0) || s.Totals.Any(t => t.Value.Amount != 0 || (t.Value.Before ?? 0) != 0))
        .ToList();

    private static BalanceSheetCurrency Empty(string currency) => new(currency, [], [], [], 0, 0, 0, 0);

    private static IEnumerable<string> Currencies(IEnumerable<string> now, IEnumerable<string>? before) =>
        now.Concat(before ?? []).Distinct().Order(StringComparer.Ordinal);

    /// <summary>This side's accounts in its order, then those only the other side has; without a comparison, no other figures.</summary>
    private static List<ComparedLine> Lines(IReadOnlyList<ReportLine> now, IReadOnlyList<ReportLine>? before)
    {
        var other = before?.ToDictionary(l => l.AccountId, l => l.Amount);
        var lines = now.Select(l => new ComparedLine(l.AccountId, l.Name, l.Code, new(l.Amount, other is null ? null : other.GetValueOrDefault(l.AccountId)), l.From))
            .ToList();
        var shown = now.Select(l => l.AccountId).ToHashSet();
        lines.AddRange((before ?? []).Where(l => !shown.Contains(l.AccountId)).Select(l => new ComparedLine(l.AccountId, l.Name, l.Code, new(0, l.Amount))));
        return lines;
    }
}
