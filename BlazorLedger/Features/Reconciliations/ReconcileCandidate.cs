using BlazorLedger.Data;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>A posting not yet reconciled, as the reconcile list shows it: <paramref name="Amount"/> as people read it.</summary>
public sealed record ReconcileCandidate(long PostingId, Guid TransactionId, DateOnly Date, string Description, string? Payee, string? Memo,
    long Amount, PostingState State);
