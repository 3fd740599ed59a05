namespace BlazorLedger.Data;

/// <summary>
/// One amendment of a transaction's description, payee, memos or tags: who made it, when, and the amendable fields before
/// and after as JSON (see <c>AmendableFields</c>). Rows are only ever added.
/// </summary>
public sealed class TransactionAmendment
{
    public long Id { get; set; }
    public Guid TransactionId { get; set; }
    public Guid BookId { get; set; }

    /// <summary>The transaction's version that this amendment made.</summary>
    public long Version { get; set; }

    public required string AmendedById { get; set; }
    public DateTime AmendedAt { get; set; }
    public required string Before { get; set; }
    public required string After { get; set; }
}
