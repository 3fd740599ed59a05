namespace BlazorLedger.Features.Api;

/// <summary>
/// A posting's state set by hand: <see cref="State"/> is "cleared" (the bank has seen it) or "uncleared" (ignoring case).
/// A posting becomes "reconciled" only by finishing a reconciliation, and then no longer changes this way.
/// </summary>
public sealed record ApiSetPostingState(string? State);
