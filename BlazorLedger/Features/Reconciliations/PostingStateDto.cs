using BlazorLedger.Data;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>A posting's state after a change by hand; <paramref name="Changed"/> is false when it already was that state.</summary>
public sealed record PostingStateDto(long PostingId, Guid AccountId, Guid TransactionId, PostingState State, bool Changed);
