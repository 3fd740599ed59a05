namespace BlazorLedger.Features.Transactions;

/// <summary>One line of a transaction to post: minor units of the account's currency, debit positive, credit negative.</summary>
public sealed record PostingLine(Guid AccountId, long Amount, string? Memo = null);

/// <summary>
/// A transaction to post. A user submitting the same <paramref name="IdempotencyKey"/> to the same book again with the
/// same content gets the first result instead of posting twice; with different content it is a conflict. Keys are each
/// user's own: another editor using the same key posts their own transaction.
/// </summary>
public sealed record PostTransaction(
    Guid BookId, DateOnly Date, string Description, string? Payee, IReadOnlyList<PostingLine> Postings, string? IdempotencyKey = null);

public sealed record PostingDto(Guid AccountId, string AccountName, string Currency, long Amount, string? Memo);

public sealed record TransactionDto(
    Guid Id,
    Guid BookId,
    long Number,
    DateOnly Date,
    string Description,
    string? Payee,
    string CreatedById,
    string CreatedByName,
    DateTime CreatedAt,
    Guid? ReversesId,
    Guid? ReversedById,
    IReadOnlyList<PostingDto> Postings)
{
    public bool IsVoided => ReversedById is not null;
}

internal static class TransactionFields
{
    public const string Date = nameof(PostTransaction.Date);
    public const string Description = nameof(PostTransaction.Description);
    public const string Payee = nameof(PostTransaction.Payee);
    public const string Postings = nameof(PostTransaction.Postings);
    public const string IdempotencyKey = nameof(PostTransaction.IdempotencyKey);

    public static string Line(int index, string field) => $"{Postings}[{index}].{field}";
}

internal sealed record AccountForPosting(Guid Id, string Name, string Currency, bool Archived);
