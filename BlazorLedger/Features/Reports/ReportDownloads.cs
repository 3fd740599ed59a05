using System.Globalization;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// The reports page's CSV downloads, with the browser's cookie: <c>/books/{bookId}/reports/{kind}.csv</c> where kind is
/// income-statement, balance-sheet, net-worth or spending; <c>from</c> and <c>to</c> (or <c>at</c> for the balance sheet),
/// <c>interval</c> for net worth, and optionally the compared period (<c>compareFrom</c>, <c>compareTo</c>) or date
/// (<c>compareAt</c>), which add the compared figures, change and percentage; <c>in=base</c> for the report in the book's
/// base currency.
/// </summary>
public static class ReportDownloads
{
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/books/{bookId:guid}/reports/{kind}.csv", (HttpContext http, Guid bookId, string kind, string? from, string? to, string? at,
                string? interval, string? compareFrom, string? compareTo, string? compareAt, [FromQuery(Name = "in")] string? currency, ReportService reports,
                CancellationToken ct) =>
                DownloadAsync(ApiEndpoints.Caller(http), bookId, kind, new(from, to, at, interval, compareFrom, compareTo, compareAt,
                    string.Equals(currency, "base", StringComparison.OrdinalIgnoreCase)), reports, ct))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The page's link to the CSV of the report it shows, with the same dates and comparison.</summary>
    public static string Url(Guid bookId, ReportKind kind, ReportDates dates, ReportInterval interval, bool inBase = false)
    {
        var query = new Dictionary<string, string?> { ["in"] = inBase ? "base" : null };
        if (kind == ReportKind.BalanceSheet)
        {
            query["at"] = Iso(dates.At);
            query["compareAt"] = Iso(dates.ComparedAt);
        }
        else
        {
            query["from"] = Iso(dates.Period.From);
            query["to"] = Iso(dates.Period.To);
            if (kind == ReportKind.NetWorth)
            {
                query["interval"] = interval.ToString().ToLowerInvariant();
            }
            else
            {
                query["compareFrom"] = Iso(dates.ComparedPeriod?.From);
                query["compareTo"] = Iso(dates.ComparedPeriod?.To);
            }
        }
        return QueryHelpers.AddQueryString($"books/{bookId}/reports/{ReportSettings.Slug(kind)}.csv", query.Where(p => p.Value is not null));
    }

    private sealed record Request(string? From, string? To, string? At, string? Interval, string? CompareFrom, string? CompareTo, string? CompareAt,
        bool InBase);

    private static async Task<IResult> DownloadAsync(Actor actor, Guid bookId, string slug, Request request, ReportService reports, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ReportSettings.TryParseKind(slug, out var kind))
        {
            return Results.NotFound();
        }
        if (kind == ReportKind.BalanceSheet)
        {
            var at = Date(request.At, "at", errors, required: true);
            var compareAt = Date(request.CompareAt, "compareAt", errors, required: false);
            if (errors.Count > 0)
            {
                return ApiEndpoints.Validation(errors);
            }
            var sheet = await reports.BalanceSheetAsync(actor, bookId, at!.Value, request.InBase, ct);
            var other = compareAt is { } date ? await reports.BalanceSheetAsync(actor, bookId, date, request.InBase, ct) : null;
            return other is { Succeeded: false } ? ApiEndpoints.Respond(other, _ => Results.Empty)
                : ApiEndpoints.Respond(sheet, s => File(ReportCsv.Sections(ReportSections.BalanceSheet(s, other?.Value), other is not null, request.InBase),
                    $"balance-sheet-{Iso(at)}.csv"));
        }
        var from = Date(request.From, "from", errors, required: true);
        var to = Date(request.To, "to", errors, required: true);
        if (kind == ReportKind.NetWorth)
        {
            var every = ReportInterval.Month;
            if (request.Interval is not null && (!Enum.TryParse(request.Interval, ignoreCase: true, out every) || !Enum.IsDefined(every)
                || int.TryParse(request.Interval, out _)))
            {
                errors["interval"] = ["Use week, month, quarter or year."];
            }
            if (errors.Count > 0)
            {
                return ApiEndpoints.Validation(errors);
            }
            return ApiEndpoints.Respond(await reports.NetWorthAsync(actor, bookId, from!.Value, to!.Value, every, request.InBase, ct),
                s => File(ReportCsv.NetWorth(s), $"net-worth-{Iso(from)}-{Iso(to)}.csv"));
        }
        var compareFrom = Date(request.CompareFrom, "compareFrom", errors, required: request.CompareTo is not null);
        var compareTo = Date(request.CompareTo, "compareTo", errors, required: request.CompareFrom is not null);
        if (errors.Count > 0)
        {
            return ApiEndpoints.Validation(errors);
        }
        var statement = await reports.IncomeStatementAsync(actor, bookId, new ReportPeriod(from!.Value, to!.Value), request.InBase, ct);
        var compared = compareFrom is { } start
            ? await reports.IncomeStatementAsync(actor, bookId, new ReportPeriod(start, compareTo!.Value), request.InBase, ct) : null;
        return compared is { Succeeded: false } ? ApiEndpoints.Respond(compared, _ => Results.Empty)
            : ApiEndpoints.Respond(statement, s => File(ReportCsv.Sections(kind == ReportKind.Spending
                ? ReportSections.Spending(s, compared?.Value) : ReportSections.IncomeStatement(s, compared?.Value), compared is not null, request.InBase),
                $"{slug.ToLowerInvariant()}-{Iso(from)}-{Iso(to)}.csv"));
    }

    private static IResult File(string csv, string name) =>
        Results.File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv), "text/csv; charset=utf-8", name);

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (text is null && !required)
        {
            return null;
        }
        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }
        errors[field] = [IsoDate.Refusal(text)];
        return null;
    }

    private static string? Iso(DateOnly? date) => date?.ToString(IsoDate.Format, CultureInfo.InvariantCulture);
}
