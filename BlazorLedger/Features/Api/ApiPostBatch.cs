using BlazorLedger.Data;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Api;

/// <summary>
/// POST .../transactions/batch: 1 to <see cref="MaxTransactions"/> transactions, posted all or none. Each is shaped like a
/// single post plus its idempotency key; a posting without an account takes it from the book's import rules.
/// </summary>
public sealed record ApiPostBatch(IReadOnlyList<ApiBatchTransaction?>? Transactions)
{
    public const int MaxTransactions = 1_000;

    internal Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (Transactions is null || Transactions.Count is 0 or > MaxTransactions)
        {
            errors["transactions"] = [$"Give the transactions as an array of 1 to {MaxTransactions:N0} objects."];
            return errors;
        }
        for (var i = 0; i < Transactions.Count; i++)
        {
            var prefix = $"transactions[{i}]";
            if (Transactions[i] is not { } item)
            {
                errors[prefix] = ["Each transaction must be an object { idempotencyKey, date, description, payee, postings }."];
                continue;
            }
            if (item.IdempotencyKey.IsOtherKind || string.IsNullOrWhiteSpace(item.IdempotencyKey.Value))
            {
                errors[$"{prefix}.idempotencyKey"] = ["Give each transaction an idempotency key: a retry with the same key posts nothing twice."];
            }
            else if (item.IdempotencyKey.Value.Trim().Length > TransactionLimits.MaxIdempotencyKey)
            {
                errors[$"{prefix}.idempotencyKey"] = [$"An idempotency key has at most {TransactionLimits.MaxIdempotencyKey} characters."];
            }
            foreach (var (field, messages) in item.Single.Problems())
            {
                errors[$"{prefix}.{field}"] = messages;
            }
        }
        return errors;
    }

    /// <summary>
    /// The batch, adding to the <see cref="Problems"/> in <paramref name="errors"/> what the book's accounts and rules find: postings without an account take the first matching rule's account
    /// (and a transaction without a payee the rule's payee); amounts are read in their account's currency.
    /// </summary>
    internal PostMany? ToCommand(Guid bookId, IReadOnlyDictionary<Guid, string> currencies, ImportRuleSet rules,
        Dictionary<string, string[]> errors)
    {
        var commands = new List<PostTransaction>();
        for (var i = 0; i < Transactions!.Count; i++)
        {
            // An item with problems of its own is already reported; the others are still checked, so one answer names every error.
            if (Transactions[i] is not { } item || errors.Keys.Any(k => k == $"transactions[{i}]" || k.StartsWith($"transactions[{i}].", StringComparison.Ordinal)))
            {
                continue;
            }
            var body = item.Single;
            // Only a posting that names no account takes one from the rules; a mistyped id is reported as such.
            if (body.Postings!.Any(p => p is { AccountId.IsMissing: true }))
            {
                var match = rules.Match(item.Description.Value ?? "", item.Payee.Value);
                if (match?.AccountId is not { } ruled)
                {
                    var missing = body.Postings!.ToList().FindIndex(p => p is { AccountId.IsMissing: true });
                    errors[$"transactions[{i}].postings[{missing}].accountId"] = ["Give the account's id: no import rule of the book matches this transaction."];
                    continue;
                }
                body = body with
                {
                    Payee = string.IsNullOrWhiteSpace(item.Payee.Value) && match.Payee is not null ? match.Payee : item.Payee,
                    Postings = body.Postings!.Select(p => p is { AccountId.IsMissing: true } ? p with { AccountId = ruled } : p).ToList(),
                };
            }
            if (body.ToCommand(bookId, currencies, item.IdempotencyKey.Value!.Trim(), out var itemErrors) is { } command)
            {
                commands.Add(command);
            }
            foreach (var (field, messages) in itemErrors)
            {
                errors[$"transactions[{i}].{field}"] = messages;
            }
        }
        return errors.Count > 0 ? null : new PostMany(bookId, commands);
    }
}

public sealed record ApiBatchTransaction(ApiText IdempotencyKey, ApiDate Date, ApiText Description, ApiText Payee,
    IReadOnlyList<ApiPostingLine?>? Postings, ApiTextList Tags)
{
    internal ApiPostTransaction Single => new(Date, Description, Payee, Postings, Tags);
}

/// <summary>What became of each transaction, in the order sent: 201 posted now, 200 posted before under the same key.</summary>
public sealed record ApiBatchResponse(IReadOnlyList<ApiBatchResult> Results);

public sealed record ApiBatchResult(string IdempotencyKey, int Status, ApiTransaction Transaction);
