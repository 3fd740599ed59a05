namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Many transactions to post at once, all or nothing (<see cref="PostingService.PostManyAsync"/>). Each is checked like a
/// single post; its <see cref="PostTransaction.IdempotencyKey"/> works as it does there (a repeat with the same content is
/// answered as <see cref="PostedStatus.Replayed"/>, with other content the whole batch is a conflict). Every
/// <see cref="PostTransaction.BookId"/> must be <paramref name="BookId"/>. <paramref name="Reversals"/> (restoring a journal)
/// maps an item's index to the index of an earlier item it voids: it must be that item's exact reversal, and is linked to
/// it as a void is. <paramref name="Corrections"/> (restoring a journal too) maps an item's index to the index of an earlier
/// item it replaces, which the batch voids: it is linked to it as a correction's replacement is.
/// </summary>
public sealed record PostMany(Guid BookId, IReadOnlyList<PostTransaction> Transactions, StatementImport? Import = null,
    IReadOnlyDictionary<int, int>? Reversals = null, IReadOnlyDictionary<int, int>? Corrections = null);

/// <summary>
/// Set when the transactions come from a statement file: <paramref name="Fingerprints"/>[i] is the fingerprint of the row
/// the i-th transaction was made from. A fingerprint already imported into the book (by anyone) is skipped as
/// <see cref="PostedStatus.Duplicate"/>; the rest are posted as one import that can be undone as a unit.
/// </summary>
public sealed record StatementImport(Guid AccountId, string FileName, string Format, IReadOnlyList<string> Fingerprints);

public enum PostedStatus
{
    /// <summary>Posted by this batch.</summary>
    Created,

    /// <summary>Its idempotency key had already posted the same content: <see cref="PostedItem.Transaction"/> is that transaction.</summary>
    Replayed,

    /// <summary>Its statement row had already been imported into the book: nothing posted.</summary>
    Duplicate,
}

/// <summary>What became of one transaction of a batch; <paramref name="Transaction"/> is null for a duplicate row.</summary>
public sealed record PostedItem(PostedStatus Status, TransactionDto? Transaction);

/// <summary>The outcome of a batch, item by item in the order given; <paramref name="ImportId"/> names the import, if any was recorded.</summary>
public sealed record PostedBatch(IReadOnlyList<PostedItem> Items, Guid? ImportId)
{
    public int Created => Items.Count(i => i.Status == PostedStatus.Created);
    public int Duplicates => Items.Count(i => i.Status == PostedStatus.Duplicate);
}

/// <summary>An undone import: how many of its transactions were voided now, and how many had been voided one by one before.</summary>
public sealed record UndoneImport(Guid ImportId, int Voided, int AlreadyVoided);
