using BlazorLedger.Data;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>
/// What reconciling an account up to a statement date starts from: the balance of its postings reconciled so far (as
/// people read it) and its other postings up to that date, oldest first. <paramref name="MoreNotListed"/>: the account has
/// more such postings than one reconciliation lists (<see cref="ReconciliationService.MaxPostings"/>), and the difference
/// then includes postings nobody saw, so it must not be posted as an adjustment.
/// </summary>
public sealed record ReconcileStart(Guid AccountId, string AccountName, AccountType Type, string Currency, long ReconciledBalance,
    DateOnly? LastStatementDate, IReadOnlyList<ReconcileCandidate> Postings, bool MoreNotListed = false);
