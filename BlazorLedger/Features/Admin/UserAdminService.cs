using System.Security.Cryptography;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using BlazorLedger.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Admin;

public enum UserStatus
{
    Active,
    Locked,
    Disabled,
}

public enum UserSort
{
    Name,
    Email,
    Created,
    LastSignIn,
    FailedSignIns,
}

public sealed record UserQuery(string? Search = null, UserSort Sort = UserSort.Name, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record UserRow(string Id, string DisplayName, string Email, bool IsAdmin, DateTime CreatedAt, DateTime? LastSignInAt,
    int FailedSignIns, UserStatus Status, int Books);

public sealed record UserPage(IReadOnlyList<UserRow> Items, int Total);

public enum SoleOwnedBooks
{
    /// <summary>Books only this user owns are deleted with everything in them.</summary>
    Delete,
    /// <summary>The admin who deletes the user becomes owner of those books.</summary>
    TransferToMe,
}

/// <summary>What creating a user gives the admin to pass on: a temporary password or an invitation link (shown once).</summary>
public sealed record CreatedUser(string Email, string? TemporaryPassword, string? InvitationLink);

/// <summary>
/// User management for admins. Identity's UserManager is scoped and holds a DbContext; a circuit's scope lives as long as
/// the circuit, so every operation here takes a fresh scope and never keeps a manager. Changes to users are serialized in
/// this app instance so that two admins acting at once cannot, between them, remove the last active admin.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock,
    InvitationService invitations, IEmailSender<ApplicationUser> mail, PublicAddress publicAddress)
{
    private static readonly SemaphoreSlim Changes = new(1, 1);

    public async Task<Result<UserPage>> ListAsync(Actor actor, UserQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<UserPage>.Forbidden(AdminAccess.Denied);
        }
        return Result<UserPage>.Ok(await ListCoreAsync(db, query, ct));
    }

    private async Task<UserPage> ListCoreAsync(LedgerDbContext db, UserQuery query, CancellationToken ct)
    {
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchText.ContainsPattern(query.Search);
            users = users.Where(u => EF.Functions.Like(u.Email!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }
        var total = await users.CountAsync(ct);
        IOrderedQueryable<ApplicationUser> sorted = (query.Sort, query.Descending) switch
        {
            (UserSort.Email, false) => users.OrderBy(u => u.Email),
            (UserSort.Email, true) => users.OrderByDescending(u => u.Email),
            (UserSort.Created, false) => users.OrderBy(u => u.CreatedAt),
            (UserSort.Created, true) => users.OrderByDescending(u => u.CreatedAt),
            (UserSort.LastSignIn, false) => users.OrderBy(u => u.LastSignInAt),
            (UserSort.LastSignIn, true) => users.OrderByDescending(u => u.LastSignInAt),
            (UserSort.FailedSignIns, false) => users.OrderBy(u => u.FailedSignInCount),
            (UserSort.FailedSignIns, true) => users.OrderByDescending(u => u.FailedSignInCount),
            (_, true) => users.OrderByDescending(u => u.DisplayName),
            _ => users.OrderBy(u => u.DisplayName),
        };
        var size = Math.Clamp(query.PageSize, 1, 200);
        var rows = await sorted.ThenBy(u => u.Id).Skip(Math.Max(query.Page, 0) * size).Take(size)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.CreatedAt, u.LastSignInAt, u.FailedSignInCount, u.LockoutEnd, u.DisabledAt,
                IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRoleId),
                Books = db.BookMembers.Count(m => m.UserId == u.Id),
            })
            .ToListAsync(ct);
        IReadOnlyList<UserRow> items = rows.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.IsAdmin, u.CreatedAt, u.LastSignInAt,
            u.FailedSignInCount, u.DisabledAt is not null ? UserStatus.Disabled : u.LockoutEnd > now ? UserStatus.Locked : UserStatus.Active,
            u.Books)).ToList();
        return new UserPage(items, total);
    }

    public async Task<Result<CreatedUser>> CreateAsync(Actor actor, string email, string displayName, bool sendInvitation,
        CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        displayName = (displayName ?? "").Trim();
        if (sendInvitation)
        {
            var invited = await invitations.InviteToSignUpAsync(actor, email, ct);
            return invited.Succeeded ? Result<CreatedUser>.Created(new CreatedUser(email, null, invited.Value!.Link)) : invited.As<CreatedUser>();
        }
        return await ChangeAsync<CreatedUser>(actor, null, async (users, _, db) =>
        {
            if (displayName.Length is 0 or > UserLimits.MaxDisplayName)
            {
                return Result<CreatedUser>.Invalid("DisplayName", $"Enter a name of 1 to {UserLimits.MaxDisplayName} characters.");
            }
            var password = TemporaryPassword();
            var user = new ApplicationUser
            {
                UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true, MustChangePassword = true,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Result<CreatedUser>.Invalid("Email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, AuditActions.UserCreated, "User", user.Id, new { Email = email });
            await db.SaveChangesAsync(ct);
            return Result<CreatedUser>.Created(new CreatedUser(email, password, null));
        }, ct);
    }

    public Task<Result<UserRow>> SetLockedAsync(Actor actor, string userId, bool locked, CancellationToken ct = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            if (locked && await WouldLeaveNoActiveAdminAsync(db, user.Id, ct))
            {
                return LastAdmin("locked");
            }
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (locked)
            {
                await users.UpdateSecurityStampAsync(user);
            }
            else
            {
                await users.ResetAccessFailedCountAsync(user);
            }
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, locked ? AuditActions.UserLocked : AuditActions.UserUnlocked, "User", user.Id);
            return null;
        }, ct);

    public Task<Result<UserRow>> SetDisabledAsync(Actor actor, string userId, bool disabled, CancellationToken ct = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            if (disabled && await WouldLeaveNoActiveAdminAsync(db, user.Id, ct))
            {
                return LastAdmin("disabled");
            }
            user.DisabledAt = disabled ? clock.GetUtcNow().UtcDateTime : null;
            await users.UpdateAsync(user);
            // A new stamp invalidates the user's cookies at their next check (within a minute).
            await users.UpdateSecurityStampAsync(user);
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, "User", user.Id);
            return null;
        }, ct);

    public Task<Result<UserRow>> SetAdminAsync(Actor actor, string userId, bool admin, CancellationToken ct = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
            if (isAdmin == admin)
            {
                return null;
            }
            if (!admin && await WouldLeaveNoActiveAdminAsync(db, user.Id, ct))
            {
                return LastAdmin("demoted");
            }
            var result = admin ? await users.AddToRoleAsync(user, Roles.Admin) : await users.RemoveFromRoleAsync(user, Roles.Admin);
            if (!result.Succeeded)
            {
                return Result<UserRow>.Conflict(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
            await users.UpdateSecurityStampAsync(user);
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, admin ? AuditActions.AdminGranted : AuditActions.AdminRevoked, "User", user.Id);
            return null;
        }, ct);

    /// <summary>Sends the user a password reset link (to the outbox, and by mail if configured).</summary>
    public Task<Result<UserRow>> SendPasswordResetAsync(Actor actor, string userId, CancellationToken ct = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            await mail.SendPasswordResetLinkAsync(user, user.Email!, publicAddress.Link("Account/ResetPassword", ("code", code)));
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, AuditActions.PasswordResetSent, "User", user.Id);
            return null;
        }, ct);

    /// <summary>Deletes a user. Books they solely own are deleted or handed to the acting admin, as the admin chose.</summary>
    public Task<Result<UserRow>> DeleteAsync(Actor actor, string userId, SoleOwnedBooks books, CancellationToken ct = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            if (await WouldLeaveNoActiveAdminAsync(db, user.Id, ct))
            {
                return LastAdmin("deleted");
            }
            var owned = await db.BookMembers.Where(m => m.UserId == user.Id && m.Role == BookRole.Owner).Select(m => m.BookId).ToListAsync(ct);
            var soleOwned = await db.BookMembers.Where(m => owned.Contains(m.BookId) && m.Role == BookRole.Owner)
                .GroupBy(m => m.BookId).Where(g => g.Count() == 1).Select(g => g.Key).ToListAsync(ct);
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            foreach (var bookId in soleOwned)
            {
                if (books == SoleOwnedBooks.Delete)
                {
                    await DeleteBookAsync(db, bookId, ct);
                }
                else if (await db.BookMembers.FirstOrDefaultAsync(m => m.BookId == bookId && m.UserId == actor.UserId, ct) is { } mine)
                {
                    mine.Role = BookRole.Owner;
                }
                else
                {
                    db.BookMembers.Add(new BookMember { BookId = bookId, UserId = actor.UserId, Role = BookRole.Owner, CreatedAt = clock.GetUtcNow().UtcDateTime });
                }
            }
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, AuditActions.UserDeleted, "User", user.Id,
                new { user.Email, SoleOwnedBooks = soleOwned.Count, Books = books.ToString() });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            var deleted = await users.DeleteAsync(user);
            return deleted.Succeeded ? null : Result<UserRow>.Conflict(string.Join(" ", deleted.Errors.Select(e => e.Description)));
        }, ct, reload: false);

    private static async Task DeleteBookAsync(LedgerDbContext db, Guid bookId, CancellationToken ct)
    {
        // Children first: postings, reversals before originals (they reference them), then the book's other rows.
        await db.Postings.Where(p => p.Transaction!.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Transactions.Where(t => t.BookId == bookId && t.ReversesId != null).ExecuteDeleteAsync(ct);
        await db.Transactions.Where(t => t.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Accounts.Where(a => a.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => i.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.BookMembers.Where(m => m.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Books.Where(b => b.Id == bookId).ExecuteDeleteAsync(ct);
    }

    private static Result<UserRow> LastAdmin(string what) =>
        Result<UserRow>.Conflict($"This is the last active administrator; they cannot be {what}. Make someone else an administrator first.");

    /// <summary>True if <paramref name="userId"/> is an admin and no other admin is active (neither disabled nor locked).</summary>
    private async Task<bool> WouldLeaveNoActiveAdminAsync(LedgerDbContext db, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
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

    private Task<Result<UserRow>> ChangeUserAsync(Actor actor, string userId,
        Func<UserManager<ApplicationUser>, ApplicationUser, LedgerDbContext, Task<Result<UserRow>?>> change, CancellationToken ct, bool reload = true) =>
        ChangeAsync<UserRow>(actor, userId, async (users, user, db) =>
        {
            // A deleted user can only be described as they were.
            var before = reload ? null : (await ListCoreAsync(db, new UserQuery(Search: user!.Email, PageSize: 200), ct)).Items.First(r => r.Id == user.Id);
            var failure = await change(users, user!, db);
            if (failure is not null)
            {
                return failure;
            }
            await db.SaveChangesAsync(ct);
            var row = before ?? (await ListCoreAsync(db, new UserQuery(Search: user!.Email, PageSize: 200), ct)).Items.First(r => r.Id == user.Id);
            return Result<UserRow>.Ok(row);
        }, ct);

    /// <summary>Runs one admin operation: checks the actor is an admin, opens a fresh scope (its own UserManager and DbContext), serializes.</summary>
    private async Task<Result<T>> ChangeAsync<T>(Actor actor, string? userId,
        Func<UserManager<ApplicationUser>, ApplicationUser?, LedgerDbContext, Task<Result<T>>> change, CancellationToken ct)
    {
        await Changes.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await AdminAccess.IsAdminAsync(db, actor, ct))
            {
                return Result<T>.Forbidden(AdminAccess.Denied);
            }
            ApplicationUser? user = null;
            if (userId is not null && (user = await users.FindByIdAsync(userId)) is null)
            {
                return Result<T>.NotFound("User not found.");
            }
            return await change(users, user, db);
        }
        finally
        {
            Changes.Release();
        }
    }

    private static string TemporaryPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 12);
        return $"{body[..4]}-{body[4..8]}-{body[8..]}-7a";
    }
}
