using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Schedules;

namespace BlazorLedger.Tests.Schedules;

public sealed class RecurrenceTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_monthly_schedule_from_the_31st_falls_on_each_months_last_day_that_far_and_never_drifts()
    {
        var monthly = new Recurrence(D(2026, 1, 31), ScheduleUnit.Month, 1);

        Assert.Equal([D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31)],
            Enumerable.Range(0, 5).Select(i => monthly.Occurrence(i)!.Value));
        Assert.Equal(D(2028, 2, 29), monthly.Occurrence(25));
    }

    [Fact]
    public void The_last_day_of_the_month_follows_the_month_whatever_the_start_day()
    {
        var endOfMonth = new Recurrence(D(2026, 2, 15), ScheduleUnit.Month, 1, LastDayOfMonth: true);
        var quarterly = new Recurrence(D(2026, 1, 10), ScheduleUnit.Month, 3);

        Assert.Equal([D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)], Enumerable.Range(0, 3).Select(i => endOfMonth.Occurrence(i)!.Value));
        Assert.Equal([D(2026, 1, 10), D(2026, 4, 10), D(2026, 7, 10)], Enumerable.Range(0, 3).Select(i => quarterly.Occurrence(i)!.Value));
    }

    [Fact]
    public void Days_and_weeks_step_evenly_and_an_end_date_or_a_count_ends_the_schedule()
    {
        var fortnightly = new Recurrence(D(2026, 12, 25), ScheduleUnit.Week, 2, EndDate: D(2027, 1, 22));
        var threeDays = new Recurrence(D(2026, 2, 27), ScheduleUnit.Day, 3, Count: 3);

        Assert.Equal([D(2026, 12, 25), D(2027, 1, 8), D(2027, 1, 22)], fortnightly.Until(0, D(2030, 1, 1)).Select(o => o.Date));
        Assert.Equal([D(2026, 2, 27), D(2026, 3, 2), D(2026, 3, 5)], threeDays.Until(0, D(2030, 1, 1)).Select(o => o.Date));
        Assert.Null(threeDays.Occurrence(3));
        Assert.Equal([(1, D(2027, 1, 8))], fortnightly.Until(1, D(2027, 1, 21)));
    }

    [Fact]
    public void Occurrences_beyond_the_last_representable_date_end_the_schedule_instead_of_throwing()
    {
        var yearly = new Recurrence(D(9990, 1, 1), ScheduleUnit.Month, 120);

        Assert.Equal(D(9990, 1, 1), yearly.Occurrence(0));
        Assert.Null(yearly.Occurrence(1));
        Assert.Null(new Recurrence(D(2026, 1, 1), ScheduleUnit.Day, 366).Occurrence(int.MaxValue));
    }

    [Fact]
    public void Impossible_recurrences_are_named_by_field()
    {
        var errors = new ValidationErrors();
        new Recurrence(D(2026, 5, 1), ScheduleUnit.Week, 0, LastDayOfMonth: true, EndDate: D(2026, 4, 30), Count: 0).Validate(errors);
        var byField = errors.ToResult<int>().Errors;

        Assert.Equal(["Count", "EndDate", "Every", "LastDayOfMonth"], byField.Keys.Order());
        var unknown = new ValidationErrors();
        new Recurrence(D(2026, 5, 1), (ScheduleUnit)7, 1).Validate(unknown);
        Assert.True(unknown.Any);
    }
}
