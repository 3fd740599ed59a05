namespace BlazorLedger.Features.Transactions;

public sealed record PostingDto(Guid AccountId, string AccountName, string Currency, long Amount, string? Memo);
