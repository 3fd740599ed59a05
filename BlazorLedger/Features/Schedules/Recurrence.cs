using BlazorLedger.Data;

namespace BlazorLedger.Features.Schedules;

/// <summary>
/// When a schedule's occurrences fall. Each occurrence is counted from the start date (never from the one before), so a
/// monthly schedule that starts on the 31st falls on the 28th or 29th in February and on the 31st again in March.
/// </summary>
public sealed record Recurrence(DateOnly StartDate, ScheduleUnit Unit, int Every, bool LastDayOfMonth = false, DateOnly? EndDate = null,
    int? Count = null)
{
    public const int MaxEvery = 366;
    public const int MaxCount = 10_000;

    public static Recurrence Of(Schedule schedule) =>
        new(schedule.StartDate, schedule.Unit, schedule.Every, schedule.LastDayOfMonth, schedule.EndDate, schedule.Count);

    /// <summary>The date of occurrence <paramref name="index"/> (0 is the first), or null when the schedule has ended before it.</summary>
    public DateOnly? Occurrence(int index)
    {
        if (index < 0 || (Count is { } count && index >= count))
        {
            return null;
        }
        DateOnly date;
        try
        {
            date = Unit switch
            {
                ScheduleUnit.Day => StartDate.AddDays(checked(index * Every)),
                ScheduleUnit.Week => StartDate.AddDays(checked(index * Every * 7)),
                _ when LastDayOfMonth => EndOfMonth(StartDate.AddMonths(checked(index * Every))),
                _ => StartDate.AddMonths(checked(index * Every)),
            };
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
        return EndDate is { } end && date > end ? null : date;
    }

    /// <summary>The occurrences from <paramref name="index"/> on, up to and including <paramref name="until"/>.</summary>
    public IEnumerable<(int Index, DateOnly Date)> Until(int index, DateOnly until)
    {
        for (var i = index; Occurrence(i) is { } date && date <= until; i++)
        {
            yield return (i, date);
        }
    }

    /// <summary>What is wrong with the recurrence, by field.</summary>
    public void Validate(Common.ValidationErrors errors)
    {
        if (!Enum.IsDefined(Unit))
        {
            errors.Add(nameof(Unit), "Choose days, weeks or months.");
        }
        if (Every is < 1 or > MaxEvery)
        {
            errors.Add(nameof(Every), $"Repeat every 1 to {MaxEvery}.");
        }
        if (LastDayOfMonth && Unit != ScheduleUnit.Month)
        {
            errors.Add(nameof(LastDayOfMonth), "Only a monthly schedule can fall on the last day of the month.");
        }
        if (EndDate is { } end && end < StartDate)
        {
            errors.Add(nameof(EndDate), "The end date cannot be before the start date.");
        }
        if (Count is { } count && count is < 1 or > MaxCount)
        {
            errors.Add(nameof(Count), $"Give 1 to {MaxCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} occurrences, or none for no limit.");
        }
    }

    private static DateOnly EndOfMonth(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
}
