namespace BlazorLedger.Features.Api;

public sealed record ApiPosting(Guid AccountId, string AccountName, string Currency, string Amount, long AmountMinor, string? Memo);
