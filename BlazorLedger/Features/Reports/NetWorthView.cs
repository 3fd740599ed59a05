using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Rates;

namespace BlazorLedger.Features.Reports;

/// <summary>One period's row beneath the net-worth charts; <paramref name="Rates"/> names the rates used in a converted series.</summary>
public sealed record NetWorthRow(ReportPeriod Period, string Label, long NetWorth, long Income, long Expenses, string? Rates = null)
{
    public long Net => Income - Expenses;
}

/// <summary>One currency's net-worth series: the rows for the table and the same figures for the charts.</summary>
public sealed record NetWorthView(string Currency, IReadOnlyList<NetWorthRow> Rows)
{
    public string[] Labels(int most = 12)
    {
        // Every label on a long series would overlap; every n-th keeps the axis readable.
        var step = Math.Max(1, (int)Math.Ceiling(Rows.Count / (double)most));
        return Rows.Select((r, i) => i % step == 0 ? r.Label : "").ToArray();
    }

    public double[] NetWorth => Rows.Select(r => Chart(r.NetWorth)).ToArray();

    public double[] Income => Rows.Select(r => Chart(r.Income)).ToArray();

    public double[] Expenses => Rows.Select(r => Chart(r.Expenses)).ToArray();

    private double Chart(long minor) => (double)Money.ToDecimal(minor, Currency);

    public static IReadOnlyList<NetWorthView> From(NetWorthSeries series, CultureInfo culture) =>
        series.Points.SelectMany(p => p.Currencies.Select(c => c.Currency)).Distinct().Order(StringComparer.Ordinal)
            .Select(currency => new NetWorthView(currency, series.Points.Select(p =>
            {
                var figures = p.Currencies.FirstOrDefault(c => c.Currency == currency) ?? new NetWorthCurrency(currency, 0, 0, 0);
                var rates = p.Conversion is { } c && c.BaseCurrency == currency && c.Rates.Count > 0
                    ? string.Join(", ", c.Rates.Select(r => $"{r.Currency} {RateValue.Format(r.Rate, culture)} ({Day(r.Date, culture)})"))
                    : null;
                return new NetWorthRow(p.Period, Label(p.Period, series.Interval, culture), figures.NetWorth, figures.Income, figures.Expenses, rates);
            }).ToList()))
            .ToList();

    private static string Day(DateOnly date, CultureInfo culture) =>
        date.ToString(culture.Name.Length == 0 ? "yyyy-MM-dd" : culture.DateTimeFormat.ShortDatePattern, culture);

    /// <summary>
    /// A period's short name. Months, quarters and years are named after the month they end in (a financial month from the
    /// 25th of November is "December"); a week by its Monday.
    /// </summary>
    public static string Label(ReportPeriod period, ReportInterval interval, CultureInfo culture) => interval switch
    {
        ReportInterval.Week => period.From.ToString(culture.Name.Length == 0 ? "yyyy-MM-dd" : culture.DateTimeFormat.ShortDatePattern, culture),
        ReportInterval.Month => period.To.ToString("MMM yyyy", culture),
        ReportInterval.Quarter => $"Q{(period.To.Month - 1) / 3 + 1} {period.To.Year.ToString(CultureInfo.InvariantCulture)}",
        _ => period.To.Year.ToString(CultureInfo.InvariantCulture),
    };
}
