using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
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

/// <summary>
/// POST .../transactions: the body exactly as it is bound and documented. Each field reads as missing (or as "other kind")
/// when it is wrong, so that <see cref="Problems"/> can name every bad field in one answer.
/// </summary>
public sealed record ApiPostTransaction(DateOnly? Date, ApiText Description, ApiText Payee, IReadOnlyList<ApiPostingLine?>? Postings)
{
    /// <summary>What is wrong with the body on its own, before the book's accounts are looked up.</summary>
    internal Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (Date is null)
        {
            errors["date"] = ["Give the date as \"yyyy-MM-dd\"."];
        }
        if (Description.IsOtherKind)
        {
            errors["description"] = [ApiText.NotText];
        }
        if (Payee.IsOtherKind)
        {
            errors["payee"] = [ApiText.NotText];
        }
        if (Postings is null)
        {
            errors["postings"] = ["Give the postings as an array of { accountId, amount, memo }."];
        }
        else if (Postings.Count > TransactionLimits.MaxPostings)
        {
            errors["postings"] = [$"A transaction has at most {TransactionLimits.MaxPostings} postings."];
        }
        return errors;
    }

    /// <summary>
    /// The command, once the body has no <see cref="Problems"/>: each posting's account must be one of <paramref name="currencies"/>,
    /// whose currency says how many digits its amount may have.
    /// </summary>
    internal PostTransaction? ToCommand(Guid bookId, IReadOnlyDictionary<Guid, string> currencies, string? idempotencyKey,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        var lines = new List<PostingLine>();
        for (var i = 0; i < Postings!.Count; i++)
        {
            if (Postings[i] is not { } posting)
            {
                errors[$"postings[{i}]"] = ["Each posting must be an object { accountId, amount, memo }."];
                continue;
            }
            if (posting.AccountId is null)
            {
                errors[$"postings[{i}].accountId"] = ["Give the account's id."];
            }
            else if (!currencies.ContainsKey(posting.AccountId.Value))
            {
                errors[$"postings[{i}].accountId"] = ["This account does not exist in this book."];
            }
            var amount = 0L;
            // Without a known account there is no currency to read the amount in.
            if (posting.AccountId is { } id && currencies.TryGetValue(id, out var currency) && posting.Amount.ToMinor(currency, out amount) is { } refusal)
            {
                errors[$"postings[{i}].amount"] = [refusal];
            }
            if (posting.Memo.IsOtherKind)
            {
                errors[$"postings[{i}].memo"] = [ApiText.NotText];
            }
            lines.Add(new PostingLine(posting.AccountId ?? Guid.Empty, amount, posting.Memo.Value));
        }
        return errors.Count > 0 ? null : new PostTransaction(bookId, Date!.Value, Description.Value ?? "", Payee.Value, lines, idempotencyKey);
    }
}

public sealed record ApiPostingLine(Guid? AccountId, ApiAmount Amount, ApiText Memo);

internal static class ApiMapping
{
    public static ApiBook ToApi(this BookSummary b) => new(b.Id, b.Name, b.BaseCurrency, b.Role.ToString().ToLowerInvariant());

    public static ApiAccount ToApi(this AccountDto a) => new(a.Id, a.Name, a.Code, a.Type.ToString(), a.Currency,
        Money.ToDecimalString(a.Balance, a.Currency, CultureInfo.InvariantCulture), a.Balance, a.Archived, a.Version);

    public static ApiRegisterItem ToApi(this RegisterRow r, string currency) => new(r.TransactionId, r.Date, r.Description,
        Money.ToDecimalString(r.Amount, currency, CultureInfo.InvariantCulture), r.Amount,
        Money.ToDecimalString(r.RunningBalance, currency, CultureInfo.InvariantCulture), r.RunningBalance);

    public static ApiTransaction ToApi(this TransactionDto t) => new(t.Id, t.Number, t.Date, t.Description, t.Payee, t.IsVoided, t.ReversesId,
        t.ReversedById, t.CreatedAt, t.Postings.Select(p => new ApiPosting(p.AccountId, p.AccountName, p.Currency,
            Money.ToDecimalString(p.Amount, p.Currency, CultureInfo.InvariantCulture), p.Amount, p.Memo)).ToList());

    public static ApiTransaction ToApi(this TransactionListItem t) => new(t.Id, t.Number, t.Date, t.Description, t.Payee, t.IsVoided, null, null,
        null, t.Legs.Select(l => new ApiPosting(l.AccountId, l.AccountName, l.Currency,
            Money.ToDecimalString(l.Amount, l.Currency, CultureInfo.InvariantCulture), l.Amount, null))
            .ToList());
}
