namespace BlazorLedger.Features.Import;

/// <summary>
/// What a rule would have matched in the past: of the <paramref name="Examined"/> most recent transactions,
/// <paramref name="Matched"/> match and <paramref name="AlreadyThere"/> of those already use the rule's account; the first
/// matches, newest first, in <paramref name="Rows"/>.
/// </summary>
public sealed record RuleEffect(int Examined, int Matched, int AlreadyThere, IReadOnlyList<RuleEffectRow> Rows);

/// <summary>A past transaction a rule matches, with the accounts it uses and whether the rule's account is one of them.</summary>
public sealed record RuleEffectRow(Guid TransactionId, long Number, DateOnly Date, string Description, string? Payee,
    IReadOnlyList<string> Accounts, bool AlreadyThere);
