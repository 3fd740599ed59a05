namespace BlazorLedger.Features.Import;

/// <summary>The account a statement belongs to: its id scopes the fingerprints, its currency says how to read the amounts.</summary>
public sealed record StatementAccount(Guid AccountId, string Currency);
