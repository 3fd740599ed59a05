namespace BlazorLedger.Features.Transactions;

/// <summary>
/// A transaction as a list shows it: <paramref name="Links"/> names the transactions it reverses or corrects and those that
/// reverse or correct it, when read for the API (a list item there is the same record as the transaction read alone).
/// </summary>
public sealed record TransactionListItem(Guid Id, long Number, DateOnly Date, string Description, string? Payee,
    IReadOnlyList<TransactionLeg> Legs, bool IsVoided, bool IsReversal, IReadOnlyList<string>? Tags = null, bool IsCorrection = false,
    TransactionLinks? Links = null)
{
    public IReadOnlyList<string> TagList => Tags ?? [];

    /// <summary>The size of the transaction per currency: the sum of its debits.</summary>
    public IEnumerable<(string Currency, long Amount)> Totals =>
        Legs.Where(l => l.Amount > 0).GroupBy(l => l.Currency).Select(g => (g.Key, g.Sum(l => l.Amount)));
}

/// <summary>When a transaction was posted, its version, and the transactions it is linked to by a void or a correction.</summary>
public sealed record TransactionLinks(DateTime CreatedAt, long Version, Guid? ReversesId, Guid? ReversedById, Guid? CorrectsId, Guid? CorrectedById);
