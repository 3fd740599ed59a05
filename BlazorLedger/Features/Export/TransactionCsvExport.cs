using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Transactions;
using CsvHelper;

namespace BlazorLedger.Features.Export;

/// <summary>
/// The transactions a search finds, as CSV: the same search as the transactions page and the API list (same filters, same
/// order), run a page at a time and written as it goes. One row per posting, so a split transaction keeps all its lines.
/// </summary>
internal sealed class TransactionCsvExport(TransactionListService list)
{
    public static readonly string[] Columns = ["Number", "Date", "Description", "Payee", "Account", "Currency", "Amount", "Memo", "Voided", "Reversal", "Tags"];

    public async Task<Result<int>> WriteAsync(Actor actor, TransactionQuery query, Func<ExportFile, TextWriter> open,
        CancellationToken ct = default)
    {
        var search = query with { Limit = TransactionListService.MaxLimit, Cursor = null };
        var page = await list.SearchAsync(actor, search, ct);
        if (!page.Succeeded)
        {
            return page.As<int>();
        }
        var output = open(new ExportFile("transactions.csv", "text/csv; charset=utf-8"));
        await output.WriteAsync(ToCsv(null, header: true));
        var count = 0;
        while (true)
        {
            await output.WriteAsync(ToCsv(page.Value!.Items, header: false));
            count += page.Value.Items.Count;
            if (page.Value.NextCursor is not { } next)
            {
                break;
            }
            page = await list.SearchAsync(actor, search with { Cursor = next }, ct);
            if (!page.Succeeded)
            {
                // Access was lost mid-way: the file stops here rather than pretending to be complete.
                await output.WriteAsync($"# The export stopped: {page.Message}\r\n");
                break;
            }
        }
        await output.FlushAsync(ct);
        return Result<int>.Ok(count);
    }

    private static string ToCsv(IReadOnlyList<TransactionListItem>? items, bool header)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), true))
        {
            if (header)
            {
                foreach (var column in Columns)
                {
                    csv.WriteField(column);
                }
                csv.EndRecord();
            }
            foreach (var item in items ?? [])
            {
                foreach (var leg in item.Legs)
                {
                    csv.WriteField(item.Number.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(item.Date.ToString(IsoDate.Format, CultureInfo.InvariantCulture));
                    csv.WriteField(Cell(item.Description));
                    csv.WriteField(Cell(item.Payee ?? ""));
                    csv.WriteField(Cell(leg.AccountName));
                    csv.WriteField(leg.Currency);
                    csv.WriteField(ExportText.Amount(leg.Amount, leg.Currency));
                    csv.WriteField(Cell(leg.Memo ?? ""));
                    csv.WriteField(item.IsVoided ? "yes" : "no");
                    csv.WriteField(item.IsReversal ? "yes" : "no");
                    csv.WriteField(string.Join(' ', item.TagList));
                    csv.EndRecord();
                }
            }
            csv.Flush();
        }
        return buffer.ToString();
    }

    private static string Cell(string text) => ExportText.Cell(text);
}
