using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Rates;
using CsvHelper;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// Reports as CSV, one row per account and per total with a currency column; amounts exact with a point ("-1234.50"),
/// whatever the reader's culture, so a spreadsheet or a script reads them the same everywhere.
/// </summary>
internal static class ReportCsv
{
    private static readonly string[] Headings = ["Currency", "Section", "Account", "Code", "Amount"];
    private static readonly string[] ComparedHeadings = [.. Headings, "Compared", "Change", "ChangePercent"];
    private static readonly string[] ConvertedHeadings = ["ConvertedFrom", "OriginalAmount", "Rate", "RateDate"];
    private static readonly string[] NotConverted = ["", "", "", ""];

    /// <summary>
    /// The sections as rows. With <paramref name="converted"/> (a report in the base currency) four more columns say what a
    /// converted line was: its own currency and amount, the rate and the rate's date.
    /// </summary>
    public static string Sections(IReadOnlyList<ReportSection> sections, bool compared, bool converted = false)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), true))
        {
            Row(csv, [.. compared ? ComparedHeadings : Headings, .. converted ? ConvertedHeadings : []]);
            foreach (var section in sections)
            {
                void Figures(string group, string account, string? code, ComparedAmount value, ConvertedFrom? from = null) =>
                    Row(csv, [section.Currency, group, ExportText.Cell(account), ExportText.Cell(code ?? ""), Amount(value.Amount, section.Currency),
                        .. compared ? new[]
                        {
                            value.Before is { } before ? Amount(before, section.Currency) : "",
                            value.Change is { } change ? Amount(change, section.Currency) : "",
                            value.Ratio is { } ratio ? Math.Round(ratio * 100, 1).ToString("0.0", CultureInfo.InvariantCulture) : "",
                        } : [],
                        .. !converted ? [] : from is null ? NotConverted
                            : [from.Currency, Amount(from.Amount, from.Currency), RateValue.ToText(from.Rate), Iso(from.RateDate)]]);
                foreach (var group in section.Groups)
                {
                    foreach (var line in group.Lines)
                    {
                        Figures(group.Title, line.Name, line.Code, line.Value, line.From);
                    }
                    Figures(group.Title, group.TotalLabel, null, group.Total);
                }
                foreach (var total in section.Totals)
                {
                    Figures("Total", total.Label, null, total.Value);
                }
            }
            csv.Flush();
        }
        return buffer.ToString();
    }

    public static string NetWorth(NetWorthSeries series)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), true))
        {
            var converted = series.Points.Any(p => p.Conversion is not null);
            Row(csv, ["From", "To", "Currency", "NetWorth", "Income", "Expenses", .. converted ? ["Rates"] : Array.Empty<string>()]);
            foreach (var point in series.Points)
            {
                foreach (var c in point.Currencies)
                {
                    // The rates used, on the base currency's row, which holds the converted currencies: "EUR 1.0842 2026-11-28".
                    var rates = point.Conversion is { } conversion && conversion.BaseCurrency == c.Currency
                        ? string.Join("; ", conversion.Rates.Select(r => $"{r.Currency} {RateValue.ToText(r.Rate)} {Iso(r.Date)}")) : "";
                    Row(csv, [Iso(point.Period.From), Iso(point.Period.To), c.Currency, Amount(c.NetWorth, c.Currency), Amount(c.Income, c.Currency),
                        Amount(c.Expenses, c.Currency), .. converted ? [rates] : Array.Empty<string>()]);
                }
            }
            csv.Flush();
        }
        return buffer.ToString();
    }

    private static string Amount(long minor, string currency) => ExportText.Amount(minor, currency);

    private static string Iso(DateOnly date) => date.ToString(IsoDate.Format, CultureInfo.InvariantCulture);

    private static void Row(CsvWriter csv, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }
        csv.EndRecord();
    }
}
