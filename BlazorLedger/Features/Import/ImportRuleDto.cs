namespace BlazorLedger.Features.Import;

/// <summary>A rule as the import page shows and applies it; <paramref name="AccountName"/> is the other account's current name.</summary>
public sealed record ImportRuleDto(Guid Id, int Position, string Pattern, bool IsRegex, Guid? AccountId, string? AccountName, string? Payee);
