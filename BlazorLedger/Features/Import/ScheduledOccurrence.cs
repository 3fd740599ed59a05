namespace BlazorLedger.Features.Import;

/// <summary>Occurrence <paramref name="Index"/> of a schedule, falling on <paramref name="Date"/>.</summary>
public sealed record ScheduledOccurrence(Guid ScheduleId, DateOnly Date, int Index);
