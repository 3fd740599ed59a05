using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Export;
using CsvHelper;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// Reports as CSV, one row per account and per total with a currency column; amounts exact with a point ("-1234.50"),
/// whatever the reader's culture, so a spreadsheet or a script reads them the same everywhere.
/// </summary>
internal static class ReportCsv
{
    public static string Sections(IReadOnlyList<ReportSection> sections, bool compared)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), true))
        {
            Row(csv, compared ? ["Currency", "Section", "Account", "Code", "Amount", "Compared", "Change", "ChangePercent"]
                : ["Currency", "Section", "Account", "Code", "Amount"]);
            foreach (var section in sections)
            {
                void Figures(string group, string account, string? code, ComparedAmount value) =>
                    Row(csv, [section.Currency, group, ExportText.Cell(account), ExportText.Cell(code ?? ""), Amount(value.Amount, section.Currency),
                        .. compared ? new[]
                        {
                            value.Before is { } before ? Amount(before, section.Currency) : "",
                            value.Change is { } change ? Amount(change, section.Currency) : "",
                            value.Ratio is { } ratio ? Math.Round(ratio * 100, 1).ToString("0.0", CultureInfo.InvariantCulture) : "",
                        } : []]);
                foreach (var group in section.Groups)
                {
                    foreach (var line in group.Lines)
                    {
                        Figures(group.Title, line.Name, line.Code, line.Value);
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
            Row(csv, ["From", "To", "Currency", "NetWorth", "Income", "Expenses"]);
            foreach (var point in series.Points)
            {
                foreach (var c in point.Currencies)
                {
                    Row(csv, [Iso(point.Period.From), Iso(point.Period.To), c.Currency, Amount(c.NetWorth, c.Currency), Amount(c.Income, c.Currency),
                        Amount(c.Expenses, c.Currency)]);
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
