namespace BlazorLedger.Features.Api;

public sealed record ApiTransaction(Guid Id, long Number, DateOnly Date, string Description, string? Payee, bool Voided, Guid? ReversesId,
    Guid? ReversedById, DateTime? CreatedAt, IReadOnlyList<ApiPosting> Postings);
