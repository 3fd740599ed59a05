namespace BlazorLedger.Features.Api;

/// <summary>
/// A transaction. A correction's replacement names what it corrects (<paramref name="CorrectsId"/>); a corrected
/// transaction names its replacement (<paramref name="CorrectedById"/>) and, like any voided one, its reversal.
/// <paramref name="Version"/> is what an amendment (PATCH) is made against.
/// </summary>
public sealed record ApiTransaction(Guid Id, long Number, DateOnly Date, string Description, string? Payee, bool Voided, Guid? ReversesId,
    Guid? ReversedById, DateTime? CreatedAt, IReadOnlyList<ApiPosting> Postings, IReadOnlyList<string> Tags, long? Version = null,
    Guid? CorrectsId = null, Guid? CorrectedById = null);
