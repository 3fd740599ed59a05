using BlazorLedger.Data;

namespace BlazorLedger.Features.Export;

/// <summary>
/// One posting: minor units of its account's currency, debit positive; where it stands against the bank's statements, and
/// for a reconciled posting the reconciliation that agreed it.
/// </summary>
public sealed record ExportPosting(Guid AccountId, long Amount, string? Memo, PostingState State = PostingState.Uncleared,
    ExportReconciliation? Reconciliation = null);

/// <summary>
/// A finished reconciliation as a reconciled posting names it: the statement's date and closing balance (as people read the
/// account), when it was finished, and whether the posting's transaction is the adjustment it posted for a difference.
/// </summary>
public sealed record ExportReconciliation(DateOnly StatementDate, long StatementBalance, DateTime ReconciledAt, bool Adjustment);
