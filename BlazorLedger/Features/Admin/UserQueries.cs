using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Admin;

/// <summary>What admins read about users: reads only, each on a short-lived context of its own.</summary>
internal sealed class UserQueries(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<UserPage>> ListAsync(Actor actor, UserQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<UserPage>.Forbidden(AdminAccess.Denied);
        }
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchText.ContainsPattern(query.Search);
            users = users.Where(u => SearchText.Matches(u.Email, pattern) || SearchText.Matches(u.DisplayName, pattern));
        }
        var total = await users.CountAsync(ct);
        // Names and addresses sort by code point, as on SQLite, whatever the collation of a PostgreSQL server.
        var byCodePoint = db.Database.CodePointCollation();
        IOrderedQueryable<ApplicationUser> sorted = (query.Sort, query.Descending) switch
        {
            (UserSort.Email, false) => users.OrderBy(u => EF.Functions.Collate(u.Email, byCodePoint)),
            (UserSort.Email, true) => users.OrderByDescending(u => EF.Functions.Collate(u.Email, byCodePoint)),
            (UserSort.Created, false) => users.OrderBy(u => u.CreatedAt),
            (UserSort.Created, true) => users.OrderByDescending(u => u.CreatedAt),
            (UserSort.LastSignIn, false) => users.OrderBy(u => u.LastSignInAt),
            (UserSort.LastSignIn, true) => users.OrderByDescending(u => u.LastSignInAt),
            (UserSort.FailedSignIns, false) => users.OrderBy(u => u.FailedSignInCount),
            (UserSort.FailedSignIns, true) => users.OrderByDescending(u => u.FailedSignInCount),
            (_, true) => users.OrderByDescending(u => EF.Functions.Collate(u.DisplayName, byCodePoint)),
            _ => users.OrderBy(u => EF.Functions.Collate(u.DisplayName, byCodePoint)),
        };
        var size = Math.Clamp(query.PageSize, 1, 200);
        var page = sorted.ThenBy(u => u.Id).Skip(Math.Max(query.Page, 0) * size).Take(size);
        return Result<UserPage>.Ok(new UserPage(await RowsAsync(db, page, clock.GetUtcNow(), ct), total));
    }

    /// <summary>One user's row, read on <paramref name="db"/> (so inside its transaction, if it has one); null if there is no such user.</summary>
    internal static async Task<UserRow?> RowAsync(LedgerDbContext db, string userId, DateTimeOffset now, CancellationToken ct) =>
        (await RowsAsync(db, db.Users.AsNoTracking().Where(u => u.Id == userId), now, ct)).SingleOrDefault();

    private static async Task<IReadOnlyList<UserRow>> RowsAsync(LedgerDbContext db, IQueryable<ApplicationUser> users, DateTimeOffset now,
        CancellationToken ct)
    {
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var rows = await users
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.CreatedAt, u.LastSignInAt, u.FailedSignInCount, u.LockoutEnd, u.DisabledAt,
                IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRoleId),
                Books = db.BookMembers.Count(m => m.UserId == u.Id),
            })
            .ToListAsync(ct);
        // The lockout is compared here because SQLite cannot compare DateTimeOffset in SQL.
        return rows.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.IsAdmin, u.CreatedAt, u.LastSignInAt, u.FailedSignInCount,
            u.DisabledAt is not null ? UserStatus.Disabled : u.LockoutEnd > now ? UserStatus.Locked : UserStatus.Active, u.Books)).ToList();
    }
}
