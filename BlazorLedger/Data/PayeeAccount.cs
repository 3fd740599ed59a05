namespace BlazorLedger.Data;

/// <summary>
/// The other account a user last chose for a payee (or, without a payee, a description) in a book: offered first the next
/// time the same payee turns up in an import, after the book's rules.
/// </summary>
public sealed class PayeeAccount
{
    public Guid BookId { get; set; }
    public required string UserId { get; set; }

    /// <summary>The payee as rows are compared: trimmed, spacing collapsed, lower case.</summary>
    public required string PayeeKey { get; set; }

    public Guid AccountId { get; set; }
    public DateTime UsedAt { get; set; }
}
