namespace BlazorLedger.Features.Api;

public sealed record ApiBook(Guid Id, string Name, string BaseCurrency, string Role, bool Archived);
