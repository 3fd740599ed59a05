using BlazorLedger.Data;

namespace BlazorLedger.Features.Import;

/// <summary>
/// When a bank row stands for a scheduled occurrence rather than for a transaction of its own: the schedule is a transfer
/// between the statement's account and one other account, the row is dated within <see cref="WindowDays"/> days either side
/// of the occurrence, and its amount is the schedule's, exactly when the schedule has posted it already (the row is then
/// linked to that transaction, so the book must already agree with the bank) or within <see cref="TolerancePercent"/>
/// percent when not (the bank's amount is what gets posted: a bill that came out a little higher or lower still matches).
/// </summary>
internal static class ScheduleMatching
{
    public const int WindowDays = 5;

    public const int TolerancePercent = 5;

    public static bool WithinWindow(DateOnly occurrence, DateOnly row) => Math.Abs(row.DayNumber - occurrence.DayNumber) <= WindowDays;

    public static bool WithinTolerance(long scheduled, long actual) =>
        scheduled != 0 && Math.Sign(scheduled) == Math.Sign(actual)
        && Int128.Abs((Int128)actual - scheduled) * 100 <= Int128.Abs(scheduled) * TolerancePercent;

    /// <summary>Whether a row of <paramref name="actual"/> matches an occurrence of <paramref name="scheduled"/>, posted or not.</summary>
    public static bool AmountMatches(long scheduled, long actual, bool posted) => posted ? scheduled == actual : WithinTolerance(scheduled, actual);

    /// <summary>
    /// The schedule's amount on <paramref name="accountId"/> and its other account, when the schedule is a transfer between the
    /// two (one line on each); null for any other schedule.
    /// </summary>
    public static (long Amount, Guid OtherAccountId)? TransferOf(IReadOnlyCollection<ScheduleLine> lines, Guid accountId)
    {
        if (lines.Count != 2)
        {
            return null;
        }
        var own = lines.Where(l => l.AccountId == accountId).ToList();
        return own.Count == 1 ? (own[0].Amount, lines.Single(l => l.AccountId != accountId).AccountId) : null;
    }
}
