using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// What a report shows, as the page's address holds it (<c>report</c>, <c>period</c>, <c>from</c>, <c>to</c>, <c>at</c>,
/// <c>compare</c>, <c>interval</c>, <c>in</c>=base for the book's base currency), so that a report can be bookmarked and shared. Text that cannot be read falls back to
/// the default rather than failing: an old bookmark still opens a report.
/// </summary>
public sealed record ReportSettings(
    ReportKind Kind = ReportKind.IncomeStatement,
    PeriodPreset? Preset = null,
    DateOnly? From = null,
    DateOnly? To = null,
    DateOnly? At = null,
    ReportComparison Comparison = ReportComparison.None,
    ReportInterval Interval = ReportInterval.Month,
    bool InBase = false)
{
    private static readonly Dictionary<ReportKind, string> Kinds = new()
    {
        [ReportKind.IncomeStatement] = "income-statement", [ReportKind.BalanceSheet] = "balance-sheet",
        [ReportKind.NetWorth] = "net-worth", [ReportKind.Spending] = "spending",
    };

    private static readonly Dictionary<PeriodPreset, string> Presets = new()
    {
        [PeriodPreset.ThisMonth] = "this-month", [PeriodPreset.LastMonth] = "last-month",
        [PeriodPreset.ThisQuarter] = "this-quarter", [PeriodPreset.LastQuarter] = "last-quarter",
        [PeriodPreset.ThisYear] = "this-year", [PeriodPreset.LastYear] = "last-year",
        [PeriodPreset.YearToDate] = "year-to-date", [PeriodPreset.Custom] = "custom",
    };

    private static readonly Dictionary<ReportComparison, string> Comparisons = new()
    {
        [ReportComparison.None] = "none", [ReportComparison.PreviousPeriod] = "previous", [ReportComparison.SamePeriodLastYear] = "last-year",
    };

    /// <summary>The period in force: the chosen one, else a month (a year for net worth, so its chart has points to draw).</summary>
    public PeriodPreset Period => Preset ?? (Kind == ReportKind.NetWorth ? PeriodPreset.ThisYear : PeriodPreset.ThisMonth);

    /// <summary>The name of <paramref name="kind"/> in addresses and file names ("income-statement").</summary>
    public static string Slug(ReportKind kind) => Kinds[kind];

    public static bool TryParseKind(string? text, out ReportKind kind) => TryFind(Kinds, text, out kind);

    public static ReportSettings Parse(string? report, string? period, string? from, string? to, string? at, string? compare, string? interval,
        string? inCurrency = null)
    {
        TryFind(Kinds, report, out var kind);
        var (start, end) = (Date(from), Date(to));
        PeriodPreset? preset = TryFind(Presets, period, out var found) ? found : start is not null || end is not null ? PeriodPreset.Custom : null;
        TryFind(Comparisons, compare, out var comparison);
        var every = Enum.TryParse<ReportInterval>(interval, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(interval, out _)
            ? parsed : ReportInterval.Month;
        return new ReportSettings(kind, preset, preset == PeriodPreset.Custom ? start : null, preset == PeriodPreset.Custom ? end : null,
            Date(at), comparison, every, string.Equals(inCurrency, "base", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The address's query for these settings: what differs from the defaults (null removes a parameter), so that reading it
    /// back with <see cref="Parse"/> gives these settings again.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["report"] = Kinds[Kind],
        ["period"] = Preset is { } preset ? Presets[preset] : null,
        ["from"] = Preset == PeriodPreset.Custom ? Iso(From) : null,
        ["to"] = Preset == PeriodPreset.Custom ? Iso(To) : null,
        ["at"] = Iso(At),
        ["compare"] = Comparison != ReportComparison.None ? Comparisons[Comparison] : null,
        ["interval"] = Interval != ReportInterval.Month ? Interval.ToString().ToLowerInvariant() : null,
        ["in"] = InBase ? "base" : null,
    };

    /// <summary>The dates these settings mean on <paramref name="today"/> in a book with <paramref name="calendar"/>.</summary>
    public ReportDates Resolve(FinancialCalendar calendar, DateOnly today)
    {
        var month = calendar.PeriodOf(today, ReportInterval.Month);
        var period = Period switch
        {
            PeriodPreset.ThisMonth => month,
            PeriodPreset.LastMonth => calendar.Previous(month, ReportInterval.Month),
            PeriodPreset.ThisQuarter => calendar.PeriodOf(today, ReportInterval.Quarter),
            PeriodPreset.LastQuarter => calendar.Previous(calendar.PeriodOf(today, ReportInterval.Quarter), ReportInterval.Quarter),
            PeriodPreset.ThisYear => calendar.PeriodOf(today, ReportInterval.Year),
            PeriodPreset.LastYear => calendar.Previous(calendar.PeriodOf(today, ReportInterval.Year), ReportInterval.Year),
            PeriodPreset.YearToDate => new ReportPeriod(calendar.PeriodOf(today, ReportInterval.Year).From, today),
            _ => new ReportPeriod(From ?? month.From, To ?? month.To),
        };
        var whole = WholeInterval(calendar, period);
        ReportPeriod? compared = Comparison switch
        {
            ReportComparison.PreviousPeriod => whole is { } interval ? calendar.Previous(period, interval) : period.DaysBefore(),
            ReportComparison.SamePeriodLastYear => whole is { } interval ? calendar.PeriodOf(period.From.AddYears(-1), interval) : period.YearBefore(),
            _ => null,
        };
        var at = At ?? period.To;
        DateOnly? comparedAt = Comparison switch
        {
            ReportComparison.None => null,
            // The chosen period's end is compared with the other period's end (the last day of February in a leap year, say).
            _ when At is null => compared!.To,
            ReportComparison.SamePeriodLastYear => at.AddYears(-1),
            _ => whole switch
            {
                ReportInterval.Month => at.AddMonths(-1),
                ReportInterval.Quarter => at.AddMonths(-3),
                ReportInterval.Year => at.AddYears(-1),
                _ => at.AddDays(-period.Days),
            },
        };
        return new ReportDates(period, compared, at, comparedAt);
    }

    /// <summary>The month, quarter or year of the calendar that <paramref name="period"/> is exactly, if any.</summary>
    private static ReportInterval? WholeInterval(FinancialCalendar calendar, ReportPeriod period)
    {
        if (period.To < period.From || period.From < TransactionLimits.EarliestDate || period.To.Year > 9998)
        {
            return null;
        }
        foreach (var interval in new[] { ReportInterval.Month, ReportInterval.Quarter, ReportInterval.Year })
        {
            if (calendar.PeriodOf(period.From, interval) == period)
            {
                return interval;
            }
        }
        return null;
    }

    private static DateOnly? Date(string? text) => IsoDate.TryParse(text, out var date) ? date : null;

    private static string? Iso(DateOnly? date) => date?.ToString(IsoDate.Format, CultureInfo.InvariantCulture);

    private static bool TryFind<T>(Dictionary<T, string> names, string? text, out T value)
        where T : struct, Enum
    {
        foreach (var (key, name) in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = key;
                return true;
            }
        }
        value = default;
        return false;
    }
}
