namespace BlazorLedger.Features.Import;

/// <summary>What the first matching rule says about a row: the other account and the payee to use (either may be unset).</summary>
public sealed record RuleMatch(Guid RuleId, Guid? AccountId, string? Payee);
