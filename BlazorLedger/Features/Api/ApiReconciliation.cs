namespace BlazorLedger.Features.Api;

/// <summary>A finished reconciliation; the statement balance as people read it.</summary>
public sealed record ApiReconciliation(Guid Id, Guid AccountId, DateOnly StatementDate, string StatementBalance, long StatementBalanceMinor,
    string Currency, int PostingCount, Guid? AdjustmentTransactionId, string ReconciledById, DateTime ReconciledAt);
