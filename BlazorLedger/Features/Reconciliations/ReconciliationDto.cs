namespace BlazorLedger.Features.Reconciliations;

/// <summary>A finished reconciliation; <paramref name="StatementBalance"/> as people read it, in the account's currency.</summary>
public sealed record ReconciliationDto(Guid Id, Guid AccountId, DateOnly StatementDate, long StatementBalance, string Currency,
    int PostingCount, Guid? AdjustmentTransactionId, string ReconciledById, string ReconciledByName, DateTime ReconciledAt);
