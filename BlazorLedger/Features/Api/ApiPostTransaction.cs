using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Api;

/// <summary>
/// POST .../transactions: the body exactly as it is bound and documented. Each field reads as missing (or as "other kind")
/// when it is wrong, so that <see cref="Problems"/> can name every bad field in one answer.
/// </summary>
public sealed record ApiPostTransaction(ApiDate Date, ApiText Description, ApiText Payee, IReadOnlyList<ApiPostingLine?>? Postings,
    ApiTextList Tags)
{
    /// <summary>What is wrong with the body on its own, before the book's accounts are looked up.</summary>
    internal Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (Date.Value is null)
        {
            errors["date"] = [Date.Problem("Give the date as \"yyyy-MM-dd\".")];
        }
        if (Description.IsOtherKind)
        {
            errors["description"] = [ApiText.NotText];
        }
        if (Payee.IsOtherKind)
        {
            errors["payee"] = [ApiText.NotText];
        }
        if (Tags.IsOtherKind)
        {
            errors["tags"] = [ApiTextList.NotTexts];
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

    /// <summary>The accounts the postings name.</summary>
    internal IEnumerable<Guid> AccountIds() => (Postings ?? []).Select(p => p?.AccountId.Value).OfType<Guid>();

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
            if (posting.AccountId.IsMalformed)
            {
                errors[$"postings[{i}].accountId"] = [ApiId.NotAnId];
            }
            else if (posting.AccountId.Value is null)
            {
                errors[$"postings[{i}].accountId"] = ["Give the account's id."];
            }
            else if (!currencies.ContainsKey(posting.AccountId.Value.Value))
            {
                errors[$"postings[{i}].accountId"] = ["This account does not exist in this book."];
            }
            var amount = 0L;
            // Without a known account there is no currency to read the amount in.
            if (posting.AccountId.Value is { } id && currencies.TryGetValue(id, out var currency) && posting.Amount.ToMinor(currency, out amount) is { } refusal)
            {
                errors[$"postings[{i}].amount"] = [refusal];
            }
            if (posting.Memo.IsOtherKind)
            {
                errors[$"postings[{i}].memo"] = [ApiText.NotText];
            }
            lines.Add(new PostingLine(posting.AccountId.Value ?? Guid.Empty, amount, posting.Memo.Value));
        }
        return errors.Count > 0 ? null : new PostTransaction(bookId, Date.Value!.Value, Description.Value ?? "", Payee.Value, lines, idempotencyKey,
            Tags.Values?.OfType<string>().ToList());
    }
}
