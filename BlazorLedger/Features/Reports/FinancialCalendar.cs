namespace BlazorLedger.Features.Reports;

/// <summary>
/// A book's periods. A financial month starts on the book's <see cref="StartDay"/> (1 to 28) and is named after the
/// calendar month it ends in: with 25, "December" runs from 25 November to 24 December, a pay cycle. Quarters and years
/// are three and twelve such months (the year's first month is its "January"); weeks run Monday to Sunday.
/// </summary>
public sealed record FinancialCalendar(int StartDay = 1)
{
    public const int LatestStartDay = 28;

    public static bool IsValidStartDay(int day) => day is >= 1 and <= LatestStartDay;

    /// <summary>The first day of the financial month named <paramref name="year"/>-<paramref name="month"/>.</summary>
    public DateOnly MonthStart(int year, int month)
    {
        var named = new DateOnly(year, month, 1);
        return StartDay == 1 ? named : named.AddMonths(-1).AddDays(StartDay - 1);
    }

    /// <summary>The calendar month the financial month holding <paramref name="date"/> is named after, as its first day.</summary>
    public DateOnly MonthOf(DateOnly date)
    {
        var month = new DateOnly(date.Year, date.Month, 1);
        return StartDay > 1 && date.Day >= StartDay ? month.AddMonths(1) : month;
    }

    /// <summary>The period of <paramref name="interval"/> that holds <paramref name="date"/>.</summary>
    public ReportPeriod PeriodOf(DateOnly date, ReportInterval interval)
    {
        if (interval == ReportInterval.Week)
        {
            var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
            return new ReportPeriod(monday, monday.AddDays(6));
        }
        var named = MonthOf(date);
        var months = Months(interval);
        var first = new DateOnly(named.Year, (named.Month - 1) / months * months + 1, 1);
        return Span(first, months);
    }

    /// <summary>The period of the same <paramref name="interval"/> just before <paramref name="period"/>.</summary>
    public ReportPeriod Previous(ReportPeriod period, ReportInterval interval) => PeriodOf(period.From.AddDays(-1), interval);

    /// <summary>Consecutive periods of <paramref name="interval"/> from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public IReadOnlyList<ReportPeriod> Periods(DateOnly from, DateOnly to, ReportInterval interval)
    {
        var periods = new List<ReportPeriod>();
        for (var period = PeriodOf(from, interval); period.From <= to; period = PeriodOf(period.To.AddDays(1), interval))
        {
            periods.Add(period);
        }
        return periods;
    }

    private ReportPeriod Span(DateOnly firstNamedMonth, int months)
    {
        var next = firstNamedMonth.AddMonths(months);
        return new ReportPeriod(MonthStart(firstNamedMonth.Year, firstNamedMonth.Month), MonthStart(next.Year, next.Month).AddDays(-1));
    }

    private static int Months(ReportInterval interval) => interval switch
    {
        ReportInterval.Month => 1,
        ReportInterval.Quarter => 3,
        ReportInterval.Year => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };
}

/// <summary>The days from <paramref name="From"/> to <paramref name="To"/>, both included.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The same dates a year earlier (29 February becomes the 28th).</summary>
    public ReportPeriod YearBefore() => new(From.AddYears(-1), To.AddYears(-1));

    /// <summary>As many days just before this period.</summary>
    public ReportPeriod DaysBefore() => new(From.AddDays(-Days), From.AddDays(-1));
}
