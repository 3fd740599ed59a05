using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Admin;

/// <summary>
/// System-wide figures for admins. Activity figures read counters that posting maintains (per book, per day and currency),
/// so they cost the same at a million transactions as at ten. Book contents are not exposed: only names and counts.
/// </summary>
internal sealed class DashboardService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock)
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

        // Activity comes from counters that posting maintains: a few rows, however many transactions there are.
        var todayDay = DateOnly.FromDateTime(today);
        var firstDay = DateOnly.FromDateTime(since30);
        // At most 30 days of a few currencies in 64 slots: added up here, where volumes that went as far as 64 bits go stop
        // there, as they do in the rows, instead of failing in the database's SUM.
        var recent = await db.DailyActivity.AsNoTracking().Where(a => a.Day >= firstDay)
            .Select(a => new { a.Day, a.Currency, a.Transactions, a.Volume })
            .ToListAsync(ct);
        var perDay = recent.Where(a => a.Currency == DailyActivity.AllCurrencies).GroupBy(a => a.Day)
            .ToDictionary(g => g.Key, g => (int)g.Sum(a => a.Transactions));
        var volume = recent.Where(a => a.Currency != DailyActivity.AllCurrencies).GroupBy(a => a.Currency)
            .Select(g => new CurrencyVolume(g.Key, g.Aggregate(0L, (sum, a) => DailyActivity.AddVolume(sum, a.Volume)))).ToList();
        var signUps = await db.Users.Where(u => u.CreatedAt >= since12Weeks)
            .GroupBy(u => u.CreatedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var busiest = await db.Books.Where(b => b.TransactionCount > 0).OrderByDescending(b => b.TransactionCount).Take(5)
            .Select(b => new BusyBook(b.Name, (int)b.TransactionCount)).ToListAsync(ct);

        return Result<DashboardFigures>.Ok(new DashboardFigures(
            users?.Total ?? 0, users?.Active ?? 0, locked, users?.Disabled ?? 0,
            await db.Books.CountAsync(ct),
            await db.Accounts.CountAsync(ct),
            perDay.GetValueOrDefault(todayDay),
            perDay.Where(d => d.Key > todayDay.AddDays(-7)).Sum(d => d.Value),
            (int)await db.Books.SumAsync(b => b.TransactionCount, ct),
            volume.OrderBy(v => v.Currency).ToList(),
            Enumerable.Range(0, 30).Select(i => firstDay.AddDays(i)).Select(d => new DailyCount(d, perDay.GetValueOrDefault(d))).ToList(),
            Enumerable.Range(0, 12).Select(i => since12Weeks.AddDays(7 * i))
                .Select(w => new DailyCount(DateOnly.FromDateTime(w), signUps.Where(s => s.Day >= w && s.Day < w.AddDays(7)).Sum(s => s.Count))).ToList(),
            busiest.OrderByDescending(b => b.Transactions).ToList(),
            db.Database.ProviderName?.Split('.').Last() ?? "unknown",
            await DatabaseBytesAsync(db, ct)));
    }

    private static DateTime StartOfWeek(DateTime day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static async Task<long> DatabaseBytesAsync(LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        }
        var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS \"Value\" FROM pragma_page_count()").SingleAsync(ct);
        var size = await db.Database.SqlQueryRaw<long>("SELECT page_size AS \"Value\" FROM pragma_page_size()").SingleAsync(ct);
        return pages * size;
    }
}
