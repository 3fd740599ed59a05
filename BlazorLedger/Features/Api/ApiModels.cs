using BlazorLedger.Common;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Api;

public sealed record ApiBook(Guid Id, string Name, string BaseCurrency, string Role);

public sealed record ApiAccount(Guid Id, string Name, string? Code, string Type, string Currency, string Balance, long BalanceMinor,
    bool Archived, long Version);

public sealed record ApiCreateAccount(string? Name, string? Code, string? Type, string? Currency);

public sealed record ApiRegisterItem(Guid TransactionId, DateOnly Date, string Description, string Amount, long AmountMinor,
    string RunningBalance, long RunningBalanceMinor);

public sealed record ApiPosting(Guid AccountId, string AccountName, string Currency, string Amount, long AmountMinor, string? Memo);

public sealed record ApiTransaction(Guid Id, long Number, DateOnly Date, string Description, string? Payee, bool Voided, Guid? ReversesId,
    Guid? ReversedById, DateTime? CreatedAt, IReadOnlyList<ApiPosting> Postings);

public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>The documented shape of POST .../transactions (amounts as decimal strings such as "12.30", or JSON numbers).</summary>
public sealed record ApiPostTransaction(DateOnly Date, string Description, string? Payee, IReadOnlyList<ApiPostingLine> Postings);

public sealed record ApiPostingLine(Guid AccountId, string Amount, string? Memo);

internal static class ApiMapping
{
    public static ApiBook ToApi(this BookSummary b) => new(b.Id, b.Name, b.BaseCurrency, b.Role.ToString().ToLowerInvariant());

    public static ApiAccount ToApi(this AccountDto a) => new(a.Id, a.Name, a.Code, a.Type.ToString(), a.Currency,
        Money.ToDecimalString(a.Balance, a.Currency), a.Balance, a.Archived, a.Version);

    public static ApiRegisterItem ToApi(this RegisterRow r, string currency) => new(r.TransactionId, r.Date, r.Description,
        Money.ToDecimalString(r.Amount, currency), r.Amount, Money.ToDecimalString(r.RunningBalance, currency), r.RunningBalance);

    public static ApiTransaction ToApi(this TransactionDto t) => new(t.Id, t.Number, t.Date, t.Description, t.Payee, t.IsVoided, t.ReversesId,
        t.ReversedById, t.CreatedAt, t.Postings.Select(p => new ApiPosting(p.AccountId, p.AccountName, p.Currency,
            Money.ToDecimalString(p.Amount, p.Currency), p.Amount, p.Memo)).ToList());

    public static ApiTransaction ToApi(this TransactionListItem t) => new(t.Id, t.Number, t.Date, t.Description, t.Payee, t.IsVoided, null, null,
        null, t.Legs.Select(l => new ApiPosting(l.AccountId, l.AccountName, l.Currency, Money.ToDecimalString(l.Amount, l.Currency), l.Amount, null))
            .ToList());
}
