namespace BlazorLedger.Features.Import;

/// <summary>
/// The other account and payee proposed for a new row: the first matching rule's, else the account the user chose last
/// time for the row's payee, else none. An account the row cannot be posted against (archived, another currency, the
/// statement's own account) is never proposed; a rule's payee still applies.
/// </summary>
public sealed record OtherAccountSuggestion(Guid? AccountId, SuggestionSource Source, string? Payee)
{
    public static OtherAccountSuggestion For(RuleMatch? rule, Guid? remembered, string? payee, IReadOnlySet<Guid> eligible)
    {
        var ruledPayee = rule?.Payee ?? payee;
        if (rule?.AccountId is { } ruled && eligible.Contains(ruled))
        {
            return new OtherAccountSuggestion(ruled, SuggestionSource.Rule, ruledPayee);
        }
        if (remembered is { } known && eligible.Contains(known))
        {
            return new OtherAccountSuggestion(known, SuggestionSource.Remembered, ruledPayee);
        }
        return new OtherAccountSuggestion(null, SuggestionSource.None, ruledPayee);
    }
}
