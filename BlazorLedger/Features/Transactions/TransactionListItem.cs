namespace BlazorLedger.Features.Transactions;

public sealed record TransactionListItem(Guid Id, long Number, DateOnly Date, string Description, string? Payee,
    IReadOnlyList<TransactionLeg> Legs, bool IsVoided, bool IsReversal, IReadOnlyList<string>? Tags = null, bool IsCorrection = false)
{
    public IReadOnlyList<string> TagList => Tags ?? [];

    /// <summary>The size of the transaction per currency: the sum of its debits.</summary>
    public IEnumerable<(string Currency, long Amount)> Totals =>
        Legs.Where(l => l.Amount > 0).GroupBy(l => l.Currency).Select(g => (g.Key, g.Sum(l => l.Amount)));
}
