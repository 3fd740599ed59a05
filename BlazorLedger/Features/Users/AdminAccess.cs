using BlazorLedger.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Users;

/// <summary>Whether a user holds the system-wide Admin role, read from the database (not from a possibly stale cookie).</summary>
internal static class AdminAccess
{
    /// <summary>Whether the caller acts as an administrator; a token limited to one book never does.</summary>
    public static Task<bool> IsAdminAsync(LedgerDbContext db, Actor actor, CancellationToken ct) =>
        actor.OnlyBook is not null ? Task.FromResult(false) : db.UserRoles.AnyAsync(ur => ur.UserId == actor.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), ct);

    public const string Denied = "Only an administrator can do this.";

    public static string LastAdmin(string what) =>
        $"This is the last active administrator; they cannot be {what}. Make someone else an administrator first.";

    /// <summary>True if <paramref name="userId"/> is an admin and no other admin is active (neither disabled nor locked).</summary>
    public static async Task<bool> WouldLeaveNoActiveAdminAsync(LedgerDbContext db, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var admins = db.UserRoles.Where(r => r.RoleId == adminRoleId).Select(r => r.UserId);
        if (!await admins.AnyAsync(id => id == userId, ct))
        {
            return false;
        }
        // Admins are few; their lockout is checked here because SQLite cannot compare DateTimeOffset in SQL.
        var others = await db.Users.Where(u => u.Id != userId && admins.Contains(u.Id) && u.DisabledAt == null)
            .Select(u => u.LockoutEnd).ToListAsync(ct);
        return !others.Any(end => end is null || end <= now);
    }
}
