namespace BlazorLedger.Data;

/// <summary>
/// An occurrence of a schedule that an imported bank row stood for before the schedule posted it: the import posted the
/// bank's version (<see cref="TransactionId"/>), so the schedule never posts this occurrence. One per occurrence (the key),
/// written in the import's database transaction; the schedule's runner looks for it under the same book lock before it posts.
/// Undoing the import deletes it with the import's rows, so the statement's row can be matched again.
/// </summary>
public sealed class MatchedOccurrence
{
    public Guid ScheduleId { get; set; }

    /// <summary>The occurrence's own date (which the schedule's idempotency key names), not the bank's.</summary>
    public DateOnly Date { get; set; }

    public Guid BookId { get; set; }
    public Guid TransactionId { get; set; }
    public Guid ImportBatchId { get; set; }
    public required string MatchedById { get; set; }
    public DateTime MatchedAt { get; set; }
}
