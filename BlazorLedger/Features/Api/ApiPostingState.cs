namespace BlazorLedger.Features.Api;

/// <summary>A posting's state, spelt as the register spells it ("Uncleared", "Cleared" or "Reconciled").</summary>
public sealed record ApiPostingState(long PostingId, Guid AccountId, Guid TransactionId, string State);
