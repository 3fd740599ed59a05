namespace BlazorLedger.Data;

/// <summary>One tag of a transaction, normalised (see <see cref="TransactionLimits"/>): lower case, trimmed, unique per transaction.</summary>
public sealed class TransactionTag
{
    public Guid TransactionId { get; set; }
    public required string Tag { get; set; }

    /// <summary>The transaction's book, so that a book's transactions with a tag are one index range.</summary>
    public Guid BookId { get; set; }
}
