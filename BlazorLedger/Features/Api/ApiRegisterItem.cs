namespace BlazorLedger.Features.Api;

public sealed record ApiRegisterItem(Guid TransactionId, DateOnly Date, string Description, string Amount, long AmountMinor,
    string RunningBalance, long RunningBalanceMinor, long PostingId, string State);
