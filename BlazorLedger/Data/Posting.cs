namespace BlazorLedger.Data;

public sealed class Posting
{
    public long Id { get; set; }
    public Guid TransactionId { get; set; }
    public Guid AccountId { get; set; }

    /// <summary>Copy of the transaction date, so that (AccountId, Date, Id) serves an account's register.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Minor units of the account's currency; debit positive, credit negative.</summary>
    public long Amount { get; set; }

    public string? Memo { get; set; }

    public Account? Account { get; set; }
    public Transaction? Transaction { get; set; }
}
