using BlazorLedger.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Users;

/// <summary>Whether a user holds the system-wide Admin role, read from the database (not from a possibly stale cookie).</summary>
internal static class AdminAccess
{
    public static Task<bool> IsAdminAsync(LedgerDbContext db, Actor actor, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == actor.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), ct);

    public const string Denied = "Only an administrator can do this.";
}
