using BlazorLedger.Data;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>
/// What reconciling an account up to a statement date starts from: the balance of its postings reconciled so far (as
/// people read it) and its other postings up to that date, oldest first.
/// </summary>
public sealed record ReconcileStart(Guid AccountId, string AccountName, AccountType Type, string Currency, long ReconciledBalance,
    DateOnly? LastStatementDate, IReadOnlyList<ReconcileCandidate> Postings);
