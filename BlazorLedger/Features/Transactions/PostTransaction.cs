namespace BlazorLedger.Features.Transactions;

/// <summary>
/// A transaction to post. A user submitting the same <paramref name="IdempotencyKey"/> to the same book again with the
/// same content gets the first result instead of posting twice; with different content it is a conflict. Keys are each
/// user's own: another editor using the same key posts their own transaction. <paramref name="Tags"/> are normalised
/// by <see cref="TransactionTags"/>.
/// </summary>
public sealed record PostTransaction(
    Guid BookId, DateOnly Date, string Description, string? Payee, IReadOnlyList<PostingLine> Postings, string? IdempotencyKey = null,
    IReadOnlyList<string>? Tags = null);
