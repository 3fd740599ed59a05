namespace BlazorLedger.Features.Transactions;

/// <summary>One line of a transaction to post: minor units of the account's currency, debit positive, credit negative.</summary>
public sealed record PostingLine(Guid AccountId, long Amount, string? Memo = null);
