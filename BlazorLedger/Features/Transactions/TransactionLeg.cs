namespace BlazorLedger.Features.Transactions;

public sealed record TransactionLeg(Guid AccountId, string AccountName, string Currency, long Amount, string? Memo = null);
