namespace BlazorLedger.Features.Transactions;

/// <summary>
/// New text for a transaction, made against the <paramref name="Version"/> the user saw: the description, the payee, one
/// memo per posting in the order the transaction shows them, and the tags. Amounts, accounts and dates are not amendable.
/// </summary>
public sealed record AmendTransaction(Guid BookId, Guid TransactionId, long Version, string Description, string? Payee,
    IReadOnlyList<string?> Memos, IReadOnlyList<string> Tags);
