namespace BlazorLedger.Data;

/// <summary>
/// Where a posting stands against the bank's statements: only ever moves forward, and is the one thing about a posting
/// that changes after it is written (its amount, account and date never do).
/// </summary>
public enum PostingState
{
    /// <summary>Not yet seen on a statement.</summary>
    Uncleared = 0,

    /// <summary>Seen on the bank's side, not yet part of a finished reconciliation.</summary>
    Cleared = 1,

    /// <summary>Part of a finished reconciliation (<see cref="Posting.ReconciliationId"/>): agreed with a statement.</summary>
    Reconciled = 2,
}
