namespace BlazorLedger.Features.Reconciliations;

/// <summary>
/// Finishes a reconciliation: <paramref name="PostingIds"/>, the account's postings on the statement, become reconciled.
/// <paramref name="StatementBalance"/> is the statement's closing balance as people read it (a card owing 500 is 500).
/// Unless the reconciled balance then equals it, <paramref name="AdjustmentAccountId"/> names the account that takes the
/// difference, posted as an adjustment dated <paramref name="StatementDate"/>.
/// </summary>
public sealed record FinishReconciliation(Guid BookId, Guid AccountId, DateOnly StatementDate, long StatementBalance,
    IReadOnlyList<long> PostingIds, Guid? AdjustmentAccountId = null);
