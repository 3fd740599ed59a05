namespace BlazorLedger.Features.Transactions;

/// <summary>A posting as its account's register shows it; RunningBalance is the account's balance after it.</summary>
public sealed record RegisterRow(long PostingId, Guid TransactionId, DateOnly Date, string Description, string? Payee,
    string? Memo, long Amount, long RunningBalance, bool IsReversal, bool IsVoided);
