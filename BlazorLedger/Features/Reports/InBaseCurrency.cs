using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Rates;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// Puts reports into the book's base currency. Each currency with a rate in effect on the report's date (the latest dated on
/// or before it) joins the base currency's section, every account converted on its own and rounded to the nearest minor
/// unit of the base currency, halves to even (banker's rounding); totals are the sums of the lines shown, so a table adds
/// up. A currency without a rate stays a section of its own, named in <see cref="ReportConversion.Unconverted"/>: never
/// converted at some other rate, never dropped. On a balance sheet a converted currency's retained earnings are what its
/// converted assets, liabilities and equity leave, so the rounding of its lines stays within it and the sheet still balances.
/// </summary>
public static class InBaseCurrency
{
    /// <summary>
    /// <paramref name="minor"/> units of <paramref name="currency"/> in <paramref name="baseCurrency"/>'s minor units at
    /// <paramref name="rate"/>, rounded halves to even; false if the result does not fit.
    /// </summary>
    public static bool TryConvert(long minor, string currency, decimal rate, string baseCurrency, out long converted)
    {
        converted = 0;
        try
        {
            var shift = Currencies.MinorDigits(baseCurrency) - Currencies.MinorDigits(currency);
            var exact = minor * rate;
            exact = shift >= 0 ? exact * Pow10(shift) : exact / Pow10(-shift);
            var rounded = Math.Round(exact, 0, MidpointRounding.ToEven);
            if (rounded > long.MaxValue || rounded < long.MinValue)
            {
                return false;
            }
            converted = (long)rounded;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    internal static IncomeStatement IncomeStatement(IncomeStatement statement, string baseCurrency, RateHistory history)
    {
        var on = statement.Period.To;
        var (rates, unconverted, kept) = (new List<ExchangeRateDto>(), new List<string>(), new List<IncomeStatementCurrency>());
        var income = new List<ReportLine>();
        var expenses = new List<ReportLine>();
        var found = false;
        foreach (var section in statement.Currencies)
        {
            if (section.Currency == baseCurrency)
            {
                (found, income, expenses) = (true, [.. income, .. section.Income], [.. expenses, .. section.Expenses]);
            }
            else if (history.On(section.Currency, on) is { } rate && Lines(section.Income, section.Currency, rate, baseCurrency) is { } i
                     && Lines(section.Expenses, section.Currency, rate, baseCurrency) is { } e)
            {
                (found, income, expenses) = (true, [.. income, .. i], [.. expenses, .. e]);
                rates.Add(rate);
            }
            else
            {
                unconverted.Add(section.Currency);
                kept.Add(section);
            }
        }
        List<IncomeStatementCurrency> merged = found
            ? [new IncomeStatementCurrency(baseCurrency, Ordered(income), Ordered(expenses), income.Sum(l => l.Amount), expenses.Sum(l => l.Amount))]
            : [];
        return new IncomeStatement(statement.Period, [.. merged, .. kept], new ReportConversion(baseCurrency, on, rates, unconverted));
    }

    internal static BalanceSheet BalanceSheet(BalanceSheet sheet, string baseCurrency, RateHistory history)
    {
        var (rates, unconverted, kept) = (new List<ExchangeRateDto>(), new List<string>(), new List<BalanceSheetCurrency>());
        List<ReportLine> assets = [], liabilities = [], equity = [];
        long retained = 0;
        var found = false;
        foreach (var section in sheet.Currencies)
        {
            if (section.Currency == baseCurrency)
            {
                found = true;
                (assets, liabilities, equity) = ([.. assets, .. section.Assets], [.. liabilities, .. section.Liabilities], [.. equity, .. section.Equity]);
                retained = checked(retained + section.RetainedEarnings);
            }
            else if (history.On(section.Currency, sheet.At) is { } rate && Lines(section.Assets, section.Currency, rate, baseCurrency) is { } a
                     && Lines(section.Liabilities, section.Currency, rate, baseCurrency) is { } l && Lines(section.Equity, section.Currency, rate, baseCurrency) is { } e)
            {
                found = true;
                (assets, liabilities, equity) = ([.. assets, .. a], [.. liabilities, .. l], [.. equity, .. e]);
                retained = checked(retained + a.Sum(x => x.Amount) - l.Sum(x => x.Amount) - e.Sum(x => x.Amount));
                rates.Add(rate);
            }
            else
            {
                unconverted.Add(section.Currency);
                kept.Add(section);
            }
        }
        List<BalanceSheetCurrency> merged = found
            ? [new BalanceSheetCurrency(baseCurrency, Ordered(assets), Ordered(liabilities), Ordered(equity), assets.Sum(x => x.Amount),
                liabilities.Sum(x => x.Amount), equity.Sum(x => x.Amount), retained)]
            : [];
        return new BalanceSheet(sheet.At, [.. merged, .. kept], new ReportConversion(baseCurrency, sheet.At, rates, unconverted));
    }

    /// <summary>
    /// Each point converted at the rates in effect on its date. A currency is converted in every point or in none: one with
    /// no rate on the first point's date stays separate in the whole series, so that no line of a chart jumps between sections.
    /// </summary>
    internal static NetWorthSeries NetWorth(NetWorthSeries series, string baseCurrency, RateHistory history)
    {
        // Per currency, each point's figures converted, or null where the currency cannot be converted throughout.
        var converted = new Dictionary<string, (NetWorthCurrency Figures, ExchangeRateDto Rate)[]?>(StringComparer.Ordinal);
        foreach (var currency in series.Points.SelectMany(p => p.Currencies).Select(c => c.Currency).Where(c => c != baseCurrency).Distinct())
        {
            (NetWorthCurrency Figures, ExchangeRateDto Rate)[]? figures = new (NetWorthCurrency, ExchangeRateDto)[series.Points.Count];
            for (var i = 0; i < series.Points.Count && figures is not null; i++)
            {
                var c = series.Points[i].Currencies.FirstOrDefault(x => x.Currency == currency) ?? new NetWorthCurrency(currency, 0, 0, 0);
                figures = history.On(currency, series.Points[i].Period.To) is { } rate
                          && TryConvert(c.NetWorth, currency, rate.Rate, baseCurrency, out var w) && TryConvert(c.Income, currency, rate.Rate, baseCurrency, out var n)
                          && TryConvert(c.Expenses, currency, rate.Rate, baseCurrency, out var e)
                    ? figures.SetAt(i, (new NetWorthCurrency(baseCurrency, w, n, e), rate))
                    : null;
            }
            converted[currency] = figures;
        }
        var points = series.Points.Select((point, i) =>
        {
            var (rates, unconverted, kept) = (new List<ExchangeRateDto>(), new List<string>(), new List<NetWorthCurrency>());
            long worth = 0, income = 0, expenses = 0;
            var found = false;
            foreach (var c in point.Currencies)
            {
                if (c.Currency == baseCurrency)
                {
                    (found, worth, income, expenses) = (true, checked(worth + c.NetWorth), checked(income + c.Income), checked(expenses + c.Expenses));
                }
                else if (converted[c.Currency] is { } figures)
                {
                    var (f, rate) = figures[i];
                    (found, worth, income, expenses) = (true, checked(worth + f.NetWorth), checked(income + f.Income), checked(expenses + f.Expenses));
                    rates.Add(rate);
                }
                else
                {
                    unconverted.Add(c.Currency);
                    kept.Add(c);
                }
            }
            List<NetWorthCurrency> merged = found ? [new NetWorthCurrency(baseCurrency, worth, income, expenses)] : [];
            return point with { Currencies = [.. merged, .. kept], Conversion = new ReportConversion(baseCurrency, point.Period.To, rates, unconverted) };
        }).ToList();
        return series with { Points = points };
    }

    private static T[] SetAt<T>(this T[] items, int index, T item)
    {
        items[index] = item;
        return items;
    }

    /// <summary>The lines converted at <paramref name="rate"/>, or null if one of them does not fit.</summary>
    private static List<ReportLine>? Lines(IReadOnlyList<ReportLine> lines, string currency, ExchangeRateDto rate, string baseCurrency)
    {
        var converted = new List<ReportLine>(lines.Count);
        foreach (var line in lines)
        {
            if (!TryConvert(line.Amount, currency, rate.Rate, baseCurrency, out var amount))
            {
                return null;
            }
            converted.Add(line with { Amount = amount, From = new ConvertedFrom(currency, line.Amount, rate.Rate, rate.Date) });
        }
        return converted;
    }

    /// <summary>By code then name, as each currency's lines are; accounts of every currency mixed.</summary>
    private static List<ReportLine> Ordered(List<ReportLine> lines) =>
        lines.OrderBy(a => a.Code ?? "\uffff", StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 10000m };
}
