namespace BlazorLedger.Data;

public sealed class Transaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }

    /// <summary>1, 2, 3 ... within the book, in the order transactions were posted: a reference people can quote.</summary>
    public long Number { get; set; }

    public DateOnly Date { get; set; }
    public required string Description { get; set; }
    public string? Payee { get; set; }

    /// <summary>Client-chosen key that makes a retried submit return the first result instead of posting twice.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Hash of the submitted content, to tell a genuine retry from a different request reusing a key.</summary>
    public string? RequestHash { get; set; }

    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set on the reversing transaction of a void: the transaction it cancels.</summary>
    public Guid? ReversesId { get; set; }

    /// <summary>
    /// Set on the replacement posted by a correction: the transaction it corrects (which the same correction voided). A
    /// transaction is corrected at most once; the replacement can itself be corrected later.
    /// </summary>
    public Guid? CorrectsId { get; set; }

    /// <summary>
    /// Bumped by each amendment of the description, payee, memos or tags (0 until the first): the concurrency token of an
    /// amendment. Amounts, accounts and dates are never amended.
    /// </summary>
    public long Version { get; set; }

    /// <summary>Set on a transaction posted by an import: the import it came from, undone as a unit.</summary>
    public Guid? ImportBatchId { get; set; }

    public List<Posting> Postings { get; set; } = [];

    public List<TransactionTag> Tags { get; set; } = [];
}
