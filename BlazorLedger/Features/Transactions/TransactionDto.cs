namespace BlazorLedger.Features.Transactions;

/// <summary>
/// A transaction with its postings. <paramref name="Corrects"/> is set on a correction's replacement (the transaction it
/// corrects); <paramref name="CorrectedBy"/> on a corrected transaction (its replacement; its reversal is
/// <paramref name="ReversedById"/>). <paramref name="Version"/> counts amendments, the token an amendment is made against.
/// </summary>
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
    IReadOnlyList<PostingDto> Postings,
    IReadOnlyList<string>? Tags = null,
    long Version = 0,
    TransactionRef? Corrects = null,
    TransactionRef? CorrectedBy = null)
{
    public bool IsVoided => ReversedById is not null;

    public bool IsCorrected => CorrectedBy is not null;

    public IReadOnlyList<string> TagList => Tags ?? [];

    /// <summary>Neither a reversal nor voided (a corrected transaction is voided too): it may be voided or corrected.</summary>
    public bool IsOpen => ReversesId is null && ReversedById is null;
}
