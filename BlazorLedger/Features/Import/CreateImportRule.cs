namespace BlazorLedger.Features.Import;

/// <summary>A new rule, added after the book's others: when the description or payee contains (or matches) the pattern, use the account and payee.</summary>
public sealed record CreateImportRule(Guid BookId, string Pattern, bool IsRegex, Guid? AccountId, string? Payee);
