using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>
/// What the reconcile panel binds to: the statement as typed (its balance read in the person's number format, as every
/// amount field reads), the postings ticked, and the live totals that decide whether the reconciliation can be finished.
/// </summary>
internal sealed class ReconcileForm(CultureInfo culture, string currency)
{
    private readonly HashSet<long> ticked = [];

    public DateTime? StatementDate { get; set; } = DateTime.Today;

    public string? StatementBalance { get; set; }

    /// <summary>The account that takes a difference the reconciler accepts, posted as an adjustment.</summary>
    public Guid? AdjustmentAccountId { get; set; }

    /// <summary>Set once the postings up to the statement date are loaded.</summary>
    public ReconcileStart? Start { get; private set; }

    /// <summary>Why the statement balance cannot be read; null when it reads or is still empty.</summary>
    public string? BalanceError =>
        string.IsNullOrWhiteSpace(StatementBalance) || Money.TryParse(StatementBalance, currency, culture, out _, out var error) ? null : error;

    public long? Balance => Money.TryParse(StatementBalance, currency, culture, out var minor, out _) ? minor : null;

    public bool CanStart => StatementDate is not null && Balance is not null;

    /// <summary>Lists <paramref name="start"/>'s postings with those already cleared ticked: the bank has seen them.</summary>
    public void Begin(ReconcileStart start)
    {
        Start = start;
        ticked.Clear();
        ticked.UnionWith(start.Postings.Where(p => p.State == PostingState.Cleared).Select(p => p.PostingId));
        AdjustmentAccountId = null;
    }

    public void Back() => Start = null;

    public bool IsTicked(long postingId) => ticked.Contains(postingId);

    public void Tick(long postingId, bool on)
    {
        if (on)
        {
            ticked.Add(postingId);
        }
        else
        {
            ticked.Remove(postingId);
        }
    }

    public int TickedCount => ticked.Count;

    public long TickedTotal => Start?.Postings.Where(p => ticked.Contains(p.PostingId)).Sum(p => p.Amount) ?? 0;

    /// <summary>The reconciled balance so far plus the ticked postings: what the account holds as far as the bank has seen.</summary>
    public long ClearedTotal => (Start?.ReconciledBalance ?? 0) + TickedTotal;

    /// <summary>The statement less the cleared total; zero when they agree.</summary>
    public long? Difference => Balance is { } balance ? balance - ClearedTotal : null;

    public bool NeedsAdjustment => Difference is not (null or 0);

    /// <summary>Whether the difference may be posted as an adjustment: not while postings up to the date are left unlisted.</summary>
    public bool CanAdjust => Start is { MoreNotListed: false };

    public bool CanFinish => Start is not null && Difference is { } difference && (difference == 0 || (CanAdjust && AdjustmentAccountId is not null));

    public FinishReconciliation ToCommand(Guid bookId) => new(bookId, Start!.AccountId, DateOnly.FromDateTime(StatementDate!.Value), Balance!.Value,
        Start.Postings.Where(p => ticked.Contains(p.PostingId)).Select(p => p.PostingId).ToList(), NeedsAdjustment && CanAdjust ? AdjustmentAccountId : null);
}
