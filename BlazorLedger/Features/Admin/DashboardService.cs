using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Admin;

public sealed record DailyCount(DateOnly Day, int Count);

public sealed record CurrencyVolume(string Currency, long Minor);

public sealed record BusyBook(string Name, int Transactions);

public sealed record DashboardFigures(
    int Users, int ActiveUsers7Days, int LockedUsers, int DisabledUsers,
    int Books, int Accounts,
    int TransactionsToday, int Transactions7Days, int TransactionsTotal,
    IReadOnlyList<CurrencyVolume> Volume30Days,
    IReadOnlyList<DailyCount> TransactionsPerDay,
    IReadOnlyList<DailyCount> NewUsersPerWeek,
    IReadOnlyList<BusyBook> BusiestBooks,
    string DatabaseProvider, long DatabaseBytes);

/// <summary>
/// System-wide figures for admins, each one aggregate query (counts and sums in the database, nothing loaded row by row),
/// using indexes that keep them quick at a million transactions. Book contents are not exposed: only names and counts.
/// </summary>
public sealed class DashboardService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<DashboardFigures>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<DashboardFigures>.Forbidden(AdminAccess.Denied);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var weekAgo = now.AddDays(-7);
        var since30 = today.AddDays(-29);
        var since12Weeks = StartOfWeek(today).AddDays(-7 * 11);

        var users = await db.Users.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(),
            Active = g.Count(u => u.LastSignInAt >= weekAgo),
            Disabled = g.Count(u => u.DisabledAt != null),
        }).FirstOrDefaultAsync(ct);
        // SQLite cannot compare DateTimeOffset in SQL; only users who were ever locked out have a value to look at.
        var lockoutEnds = await db.Users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd!.Value).ToListAsync(ct);
        var locked = lockoutEnds.Count(end => end > clock.GetUtcNow());

        var perDay = await db.Transactions.Where(t => t.CreatedAt >= since30)
            .GroupBy(t => t.CreatedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var signUps = await db.Users.Where(u => u.CreatedAt >= since12Weeks)
            .GroupBy(u => u.CreatedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var volume = await db.Postings.Where(p => p.Amount > 0 && p.Transaction!.CreatedAt >= since30)
            .GroupBy(p => p.Account!.Currency).Select(g => new CurrencyVolume(g.Key, g.Sum(p => p.Amount))).ToListAsync(ct);
        var busiest = await db.Transactions.GroupBy(t => t.BookId)
            .Select(g => new { BookId = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(5)
            .Join(db.Books, g => g.BookId, b => b.Id, (g, b) => new BusyBook(b.Name, g.Count)).ToListAsync(ct);

        return Result<DashboardFigures>.Ok(new DashboardFigures(
            users?.Total ?? 0, users?.Active ?? 0, locked, users?.Disabled ?? 0,
            await db.Books.CountAsync(ct),
            await db.Accounts.CountAsync(ct),
            await db.Transactions.CountAsync(t => t.CreatedAt >= today, ct),
            await db.Transactions.CountAsync(t => t.CreatedAt >= weekAgo, ct),
            await db.Transactions.CountAsync(ct),
            volume.OrderBy(v => v.Currency).ToList(),
            Enumerable.Range(0, 30).Select(i => since30.AddDays(i))
                .Select(d => new DailyCount(DateOnly.FromDateTime(d), perDay.FirstOrDefault(p => p.Day == d)?.Count ?? 0)).ToList(),
            Enumerable.Range(0, 12).Select(i => since12Weeks.AddDays(7 * i))
                .Select(w => new DailyCount(DateOnly.FromDateTime(w), signUps.Where(s => s.Day >= w && s.Day < w.AddDays(7)).Sum(s => s.Count))).ToList(),
            busiest.OrderByDescending(b => b.Transactions).ToList(),
            db.Database.ProviderName?.Split('.').Last() ?? "unknown",
            await DatabaseBytesAsync(db, ct)));
    }

    private static DateTime StartOfWeek(DateTime day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static async Task<long> DatabaseBytesAsync(LedgerDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return 0;
        }
        var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS \"Value\" FROM pragma_page_count()").SingleAsync(ct);
        var size = await db.Database.SqlQueryRaw<long>("SELECT page_size AS \"Value\" FROM pragma_page_size()").SingleAsync(ct);
        return pages * size;
    }
}
