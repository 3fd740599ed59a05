using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Admin;

internal sealed class AuditLogService(IDbContextFactory<LedgerDbContext> dbFactory)
{
    public const int MaxLimit = 500;
    public const string OtherBook = "(a book you are not in)";

    public async Task<Result<AuditPage>> SearchAsync(Actor actor, AuditQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        Paging.Validate(errors, query.Limit, MaxLimit, query.From, query.To);
        long? before = null;
        if (query.Cursor is not null)
        {
            if (Paging.TryDecode(query.Cursor, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                before = id;
            }
            else
            {
                errors.Add(nameof(AuditQuery.Cursor), Paging.InvalidCursor);
            }
        }
        if (errors.Any)
        {
            return errors.ToResult<AuditPage>();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<AuditPage>.Forbidden(AdminAccess.Denied);
        }
        var rows = await Filter(db, query, before).Take(query.Limit + 1).ToListAsync(ct);
        var items = await ShapeAsync(db, actor, rows.Take(query.Limit).ToList(), ct);
        var next = rows.Count > query.Limit ? Paging.Encode(items[^1].Id.ToString(CultureInfo.InvariantCulture)) : null;
        return Result<AuditPage>.Ok(new AuditPage(items, next));
    }

    /// <summary>The newest entries, for the dashboard's live feed.</summary>
    public async Task<Result<IReadOnlyList<AuditEntry>>> LatestAsync(Actor actor, int limit = 15, CancellationToken ct = default)
    {
        var page = await SearchAsync(actor, new AuditQuery(Limit: Math.Clamp(limit, 1, MaxLimit)), ct);
        return page.Succeeded ? Result<IReadOnlyList<AuditEntry>>.Ok(page.Value!.Items) : page.As<IReadOnlyList<AuditEntry>>();
    }

    /// <summary>Writes every entry matching the filters as CSV, streaming, newest first.</summary>
    public async Task<Result<int>> ExportCsvAsync(Actor actor, AuditQuery query, TextWriter output, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<int>.Forbidden(AdminAccess.Denied);
        }
        await output.WriteAsync(ToCsv([], header: true));
        var count = 0;
        long? before = null;
        while (true)
        {
            var rows = await Filter(db, query, before).Take(1000).ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }
            var entries = await ShapeAsync(db, actor, rows, ct);
            await output.WriteAsync(ToCsv(entries, header: false));
            count += entries.Count;
            before = rows[^1].Id;
        }
        await output.FlushAsync(ct);
        return Result<int>.Ok(count);
    }

    /// <summary>One batch as CSV text; the caller writes it asynchronously (a response stream refuses synchronous writes).</summary>
    private static string ToCsv(IReadOnlyList<AuditEntry> entries, bool header)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), true))
        {
            WriteRows(csv, entries, header);
        }
        return buffer.ToString();
    }

    private static void WriteRows(CsvWriter csv, IReadOnlyList<AuditEntry> entries, bool header)
    {
        if (header)
        {
            foreach (var name in new[] { "Id", "At", "UserId", "User", "Action", "EntityType", "EntityId", "Book", "Details" })
            {
                csv.WriteField(name);
            }
            csv.EndRecord();
        }
        foreach (var e in entries)
        {
            csv.WriteField(e.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(e.UserId ?? "");
            csv.WriteField(Cell(e.UserName ?? ""));
            csv.WriteField(e.Action);
            csv.WriteField(e.EntityType);
            csv.WriteField(Cell(e.EntityId));
            csv.WriteField(Cell(e.BookName ?? ""));
            csv.WriteField(Cell(e.Details ?? ""));
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text.</summary>
    private static string Cell(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;

    private static IQueryable<AuditEvent> Filter(LedgerDbContext db, AuditQuery query, long? before)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (before is { } id)
        {
            events = events.Where(e => e.Id < id);
        }
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            events = events.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var pattern = SearchText.ContainsPattern(query.User);
            events = events.Where(e => db.Users.Any(u => u.Id == e.UserId
                && (SearchText.Matches(u.Email!, pattern) || SearchText.Matches(u.DisplayName, pattern))));
        }
        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            events = events.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            events = events.Where(e => e.At < end);
        }
        return events.OrderByDescending(e => e.Id);
    }

    private static async Task<List<AuditEntry>> ShapeAsync(LedgerDbContext db, Actor actor, List<AuditEvent> rows, CancellationToken ct)
    {
        var userIds = rows.Where(r => r.UserId != null).Select(r => r.UserId!).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var bookIds = rows.Where(r => r.BookId != null).Select(r => r.BookId!.Value).Distinct().ToList();
        var visibleBooks = await db.BookMembers.Where(m => m.UserId == actor.UserId && bookIds.Contains(m.BookId))
            .Select(m => new { m.BookId, m.Book!.Name }).ToDictionaryAsync(b => b.BookId, b => b.Name, ct);
        return rows.Select(r =>
        {
            var visible = r.BookId is null || visibleBooks.ContainsKey(r.BookId.Value);
            return new AuditEntry(r.Id, r.At, r.UserId, r.UserId is null ? null : names.GetValueOrDefault(r.UserId, "(deleted user)"),
                r.Action, r.EntityType, visible ? r.EntityId : "", r.BookId is { } b ? visibleBooks.GetValueOrDefault(b, OtherBook) : null,
                visible ? r.Details : null);
        }).ToList();
    }
}
