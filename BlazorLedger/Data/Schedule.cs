namespace BlazorLedger.Data;

/// <summary>
/// A recurring transaction: a template (<see cref="Description"/>, <see cref="Payee"/>, <see cref="Lines"/>) posted on each
/// date of its recurrence, in the name of the member who made it. <see cref="NextIndex"/> counts the occurrences already
/// posted or skipped; the transactions themselves are found by their idempotency keys (schedule and date), which is what
/// makes each occurrence post exactly once, whoever and however often runs the schedules.
/// </summary>
public sealed class Schedule
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }
    public required string CreatedById { get; set; }
    public required string Description { get; set; }
    public string? Payee { get; set; }
    public ScheduleUnit Unit { get; set; }
    public int Every { get; set; } = 1;
    public DateOnly StartDate { get; set; }
    /// <summary>Monthly schedules only: each occurrence on the last day of its month, whatever the start date's day.</summary>
    public bool LastDayOfMonth { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? Count { get; set; }
    public int NextIndex { get; set; }
    /// <summary>Why the schedule stopped posting (an account archived, the period closed, its maker gone): null while it runs.</summary>
    public string? Problem { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
    public List<ScheduleLine> Lines { get; set; } = [];
}

public enum ScheduleUnit
{
    Day,
    Week,
    Month,
}

public sealed class ScheduleLine
{
    public Guid ScheduleId { get; set; }
    public int Position { get; set; }
    public Guid AccountId { get; set; }
    public long Amount { get; set; }
    public string? Memo { get; set; }
}
