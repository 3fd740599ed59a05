using BlazorLedger.Data;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// A posting as its account's register shows it; RunningBalance is the account's balance after it. In a parent's register,
/// a sub-account's posting names that account (<paramref name="AccountName"/>) and its <paramref name="Currency"/>, and
/// RunningBalance is the balance of the parent with all its sub-accounts in that currency.
/// </summary>
public sealed record RegisterRow(long PostingId, Guid TransactionId, DateOnly Date, string Description, string? Payee,
    string? Memo, long Amount, long RunningBalance, bool IsReversal, bool IsVoided, string? AccountName = null, string? Currency = null,
    PostingState State = PostingState.Uncleared);
