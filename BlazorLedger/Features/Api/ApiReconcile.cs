namespace BlazorLedger.Features.Api;

/// <summary>
/// Finishes a reconciliation. <see cref="StatementDate"/>: yyyy-MM-dd. <see cref="StatementBalance"/>: the statement's
/// closing balance as people read it (an asset's money or a card's debt positive). <see cref="PostingIds"/>: the account's
/// postings on the statement (the ids the register lists), marked reconciled. When the reconciled balance then differs from
/// the statement, <see cref="AdjustmentAccountId"/> names the account that takes the difference as an adjustment posting;
/// without it the request is refused.
/// </summary>
public sealed record ApiReconcile(string? StatementDate, ApiAmount StatementBalance, IReadOnlyList<long>? PostingIds,
    Guid? AdjustmentAccountId = null);
