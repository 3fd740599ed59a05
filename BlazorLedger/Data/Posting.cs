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

    /// <summary>Uncleared until seen on a statement; the only column that changes after the posting is written.</summary>
    public PostingState State { get; set; }

    /// <summary>The reconciliation that marked it reconciled.</summary>
    public Guid? ReconciliationId { get; set; }

    public Account? Account { get; set; }
    public Transaction? Transaction { get; set; }
}
