namespace BlazorLedger.Data;

/// <summary>
/// A finished reconciliation of an account against a bank statement: the postings it marked reconciled point to it
/// (<see cref="Posting.ReconciliationId"/>). Written once, never changed.
/// </summary>
public sealed class Reconciliation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }
    public Guid AccountId { get; set; }

    /// <summary>The statement's closing date: every posting reconciled by it is dated on or before it.</summary>
    public DateOnly StatementDate { get; set; }

    /// <summary>The statement's closing balance in minor units, as people read it (a card owing 500 is 500, see AccountPresentation).</summary>
    public long StatementBalance { get; set; }

    /// <summary>How many postings it marked reconciled, its adjustment's included.</summary>
    public int PostingCount { get; set; }

    /// <summary>The transaction posted to make up a difference to the statement, if the reconciler chose to.</summary>
    public Guid? AdjustmentTransactionId { get; set; }

    public required string ReconciledById { get; set; }
    public DateTime ReconciledAt { get; set; }
}
