namespace BlazorLedger.Features.Import;

/// <summary>
/// The scheduled occurrence a statement row stands for: occurrence <paramref name="Index"/> of the schedule, on
/// <paramref name="Date"/>, which posts against <paramref name="OtherAccountId"/>. When the schedule has posted it already,
/// <paramref name="TransactionId"/> (number <paramref name="TransactionNumber"/>) is that transaction, and importing the row
/// links it there; otherwise importing posts the row and the schedule leaves the occurrence out.
/// </summary>
public sealed record ScheduleMatch(Guid ScheduleId, string Description, DateOnly Date, int Index, Guid OtherAccountId,
    Guid? TransactionId = null, long? TransactionNumber = null)
{
    public bool IsPosted => TransactionId is not null;

    public ScheduledOccurrence Occurrence => new(ScheduleId, Date, Index);
}
