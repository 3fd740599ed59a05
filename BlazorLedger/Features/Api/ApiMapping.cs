using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Api;

internal static class ApiMapping
{
    public static ApiBook ToApi(this BookSummary b) => new(b.Id, b.Name, b.BaseCurrency, b.Role.ToString().ToLowerInvariant(), b.Archived);

    public static ApiAccount ToApi(this AccountDto a) => new(a.Id, a.Name, a.Code, a.Type.ToString(), a.Currency,
        Money.ToDecimalString(a.Balance, a.Currency, CultureInfo.InvariantCulture), a.Balance, a.Archived, a.Version, a.ParentId);

    public static ApiReconciliation ToApi(this Reconciliations.ReconciliationDto r) => new(r.Id, r.AccountId, r.StatementDate,
        Money.ToDecimalString(r.StatementBalance, r.Currency, CultureInfo.InvariantCulture), r.StatementBalance, r.Currency, r.PostingCount,
        r.AdjustmentTransactionId, r.ReconciledById, r.ReconciledAt);

    public static ApiRegisterItem ToApi(this RegisterRow r, string currency) => new(r.TransactionId, r.Date, r.Description,
        Money.ToDecimalString(r.Amount, currency, CultureInfo.InvariantCulture), r.Amount,
        Money.ToDecimalString(r.RunningBalance, currency, CultureInfo.InvariantCulture), r.RunningBalance, r.PostingId, r.State.ToString());

    public static ApiTransaction ToApi(this TransactionDto t) => new(t.Id, t.Number, t.Date, t.Description, t.Payee, t.IsVoided, t.ReversesId,
        t.ReversedById, t.CreatedAt, t.Postings.Select(p => new ApiPosting(p.AccountId, p.AccountName, p.Currency,
            Money.ToDecimalString(p.Amount, p.Currency, CultureInfo.InvariantCulture), p.Amount, p.Memo)).ToList(), t.TagList, t.Version,
        t.Corrects?.Id, t.CorrectedBy?.Id);

    public static ApiTransaction ToApi(this TransactionListItem t) => new(t.Id, t.Number, t.Date, t.Description, t.Payee, t.IsVoided,
        t.Links?.ReversesId, t.Links?.ReversedById, t.Links?.CreatedAt, t.Legs.Select(l => new ApiPosting(l.AccountId, l.AccountName, l.Currency,
            Money.ToDecimalString(l.Amount, l.Currency, CultureInfo.InvariantCulture), l.Amount, l.Memo))
            .ToList(), t.TagList, t.Links?.Version, t.Links?.CorrectsId, t.Links?.CorrectedById);
}
