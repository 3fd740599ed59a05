namespace BlazorLedger.Data;

/// <summary>
/// A statement row that has been imported into the book: its fingerprint is unique book-wide, so the same bank transaction
/// is posted once whoever imports the statement and however often. Undoing the import deletes its rows (its transactions
/// stay, voided), so the statement can be imported again.
/// </summary>
public sealed class ImportedRow
{
    public Guid BookId { get; set; }
    public required string Fingerprint { get; set; }
    public Guid TransactionId { get; set; }
    public Guid BatchId { get; set; }
}
