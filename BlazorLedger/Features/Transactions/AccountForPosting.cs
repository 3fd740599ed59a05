namespace BlazorLedger.Features.Transactions;

internal sealed record AccountForPosting(Guid Id, string Name, string Currency, bool Archived);
