namespace BlazorLedger.Features.Transactions;

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
