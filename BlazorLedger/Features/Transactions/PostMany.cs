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
/// <see cref="PostedStatus.Duplicate"/>; the rest are posted as one import that can be undone as a unit. <paramref name="Occurrences"/>[i],
/// when given and not null, is the scheduled occurrence the i-th row stands for: if the schedule has posted it already (or
/// another import stood for it), the row is linked to that transaction (<see cref="PostedStatus.Linked"/>) and nothing is
/// posted; otherwise the row is posted and the occurrence recorded as matched, so the schedule never posts it. Both are
/// decided under the book's lock, which the schedule's runner takes too.
/// </summary>
public sealed record StatementImport(Guid AccountId, string FileName, string Format, IReadOnlyList<string> Fingerprints,
    IReadOnlyList<OccurrenceClaim?>? Occurrences = null);

/// <summary>
/// A schedule's occurrence (occurrence <paramref name="Index"/>, on <paramref name="Date"/>), as its runner would post it: in the
/// name of <paramref name="MakerId"/> with the idempotency key <paramref name="Key"/>.
/// </summary>
public sealed record OccurrenceClaim(Guid ScheduleId, DateOnly Date, int Index, string MakerId, string Key);

public enum PostedStatus
{
    /// <summary>Posted by this batch.</summary>
    Created,

    /// <summary>Its idempotency key had already posted the same content: <see cref="PostedItem.Transaction"/> is that transaction.</summary>
    Replayed,

    /// <summary>Its statement row had already been imported into the book: nothing posted.</summary>
    Duplicate,

    /// <summary>
    /// Its statement row stands for a scheduled occurrence posted already: nothing posted, the row is recorded against
    /// <see cref="PostedItem.Transaction"/>.
    /// </summary>
    Linked,
}

/// <summary>What became of one transaction of a batch; <paramref name="Transaction"/> is null for a duplicate row.</summary>
public sealed record PostedItem(PostedStatus Status, TransactionDto? Transaction);

/// <summary>The outcome of a batch, item by item in the order given; <paramref name="ImportId"/> names the import, if any was recorded.</summary>
public sealed record PostedBatch(IReadOnlyList<PostedItem> Items, Guid? ImportId)
{
    public int Created => Items.Count(i => i.Status == PostedStatus.Created);
    public int Duplicates => Items.Count(i => i.Status == PostedStatus.Duplicate);
    public int Linked => Items.Count(i => i.Status == PostedStatus.Linked);
}

/// <summary>An undone import: how many of its transactions were voided now, and how many had been voided one by one before.</summary>
public sealed record UndoneImport(Guid ImportId, int Voided, int AlreadyVoided);
