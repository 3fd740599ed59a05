namespace BlazorLedger.Data;

/// <summary>A named ledger. Everything else (accounts, transactions) belongs to exactly one book.</summary>
public sealed class Book
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string BaseCurrency { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Transactions ever posted in the book (reversals included), and so the number of the newest: posting takes the next
    /// number by incrementing it inside its write transaction. Also read for the admin figures.
    /// </summary>
    public long TransactionCount { get; set; }

    /// <summary>The day of the month the book's financial month starts on (1 to 28): 25 for pay-cycle months.</summary>
    public int MonthStartDay { get; set; } = 1;

    /// <summary>When an owner archived the book, or null while it is in use. An archived book is read-only.</summary>
    public DateTime? ArchivedAt { get; set; }

    /// <summary>
    /// The last day of the book's closed period, or null while every period is open: nothing dated on or before it is
    /// posted, voided, corrected or amended (see <c>ClosedPeriod</c>).
    /// </summary>
    public DateOnly? LockDate { get; set; }

    public List<BookMember> Members { get; set; } = [];
}
