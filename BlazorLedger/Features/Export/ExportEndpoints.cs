using System.Globalization;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Features.Users;
using Microsoft.Net.Http.Headers;

namespace BlazorLedger.Features.Export;

/// <summary>
/// Downloads of a book: <c>format=csv</c> (the transactions a search finds, with the transactions page's filters q, payee,
/// amount, account, tag, minAmount, maxAmount, from, to and sort), <c>hledger</c> or <c>beancount</c> (the whole book). The same handler serves the browser
/// (its cookie, here) and the API (a token with read scope, in <see cref="Api.ApiEndpoints"/>).
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder endpoints)
    {
        // A person's amount filter is typed the way they write numbers: the page passes its culture along.
        endpoints.MapGet("/books/{bookId:guid}/export", (HttpContext http, Guid bookId, string? format, string? q, string? payee, string? amount,
                string? from, string? to, string? sort, string? account, string? tag, string? minAmount, string? maxAmount, string? culture,
                BookExportService books, TransactionCsvExport csv, CancellationToken ct) =>
                ExportAsync(http, bookId, new ExportRequest(format, q, payee, amount, from, to, sort, account, tag, minAmount, maxAmount),
                    UserCultures.Find(culture) ?? CultureInfo.CurrentCulture, books, csv, ct))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The page's link to a download: the book, the format and, for CSV, the search.</summary>
    public static string Url(Guid bookId, ExportFormat format, TransactionQuery? search = null)
    {
        var query = new Dictionary<string, string?> { ["format"] = format.ToString().ToLowerInvariant() };
        if (search is not null)
        {
            query["q"] = search.Text;
            query["payee"] = search.Payee;
            query["amount"] = search.Amount;
            query["account"] = search.Account?.ToString();
            query["tag"] = search.Tag;
            query["minAmount"] = search.MinAmount;
            query["maxAmount"] = search.MaxAmount;
            query["from"] = search.From?.ToString(IsoDate.Format, CultureInfo.InvariantCulture);
            query["to"] = search.To?.ToString(IsoDate.Format, CultureInfo.InvariantCulture);
            query["sort"] = search.Sort == TransactionSort.NewestFirst ? null : search.Sort.ToString();
            query["culture"] = search.Culture?.Name is { Length: > 0 } name ? name : null;
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"books/{bookId}/export",
            query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    internal static async Task<IResult> ExportAsync(HttpContext http, Guid bookId, ExportRequest request, CultureInfo culture,
        BookExportService books, TransactionCsvExport csv, CancellationToken ct)
    {
        if (request.Problems(bookId, culture, out var format, out var search) is { Count: > 0 } problems)
        {
            return Results.ValidationProblem(problems, detail: "The request is invalid; see errors.", title: "Invalid request");
        }
        var actor = Actor.FromPrincipal(http.User)!;
        StreamWriter? writer = null;
        TextWriter Open(ExportFile file)
        {
            http.Response.ContentType = file.ContentType;
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = file.FileName,
                FileName = new string(file.FileName.Select(c => char.IsAscii(c) && !char.IsControl(c) && c != '"' ? c : '_').ToArray()),
            }.ToString();
            writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
            return writer;
        }

        var result = format == ExportFormat.Csv
            ? await csv.WriteAsync(actor, search!, Open, ct)
            : await books.WriteAsync(actor, bookId, format, Open, ct);
        if (writer is not null)
        {
            // The response has started: whatever happened is in the file. A response stream takes asynchronous writes only.
            await writer.DisposeAsync();
            return Results.Empty;
        }
        return result.Status switch
        {
            ResultStatus.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: result.Message),
            ResultStatus.Forbidden => Results.Problem(statusCode: 403, title: "Forbidden", detail: result.Message),
            _ => Results.ValidationProblem(result.Errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => e.Value),
                detail: result.Message, title: "Invalid request"),
        };
    }
}
