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

/// <summary>What creating a user gives the admin to pass on: a temporary password or an invitation link (shown once).</summary>
public sealed record CreatedUser(string Email, string? TemporaryPassword, string? InvitationLink);

/// <summary>
/// User management for admins. Identity's UserManager is scoped and holds a DbContext; a circuit's scope lives as long as
/// the circuit, so every operation here takes a fresh scope and never keeps a manager. Changes to users are serialized in
/// this app instance so that two admins acting at once cannot, between them, remove the last active admin.
/// </summary>
internal sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock,
    InvitationService invitations, IEmailSender<ApplicationUser> mail, PublicAddress publicAddress, UserDeletionService deletion)
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
            await users.SetLockoutEndDateAsync(user, locked ? AdminLock.Until : null);
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

    /// <summary>Deletes a user (through the one delete path that self-deletion takes too) and answers with the user as they were.</summary>
    public async Task<Result<UserRow>> DeleteAsync(Actor actor, string userId, SoleOwnedBooks books, CancellationToken ct = default)
    {
        UserRow? before;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await AdminAccess.IsAdminAsync(db, actor, ct))
            {
                return Result<UserRow>.Forbidden(AdminAccess.Denied);
            }
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            before = (await ListCoreAsync(db, new UserQuery(Search: email, PageSize: 200), ct)).Items.FirstOrDefault(r => r.Id == userId);
        }
        var deleted = await deletion.DeleteByAdminAsync(actor, userId, books, ct);
        return deleted.Succeeded ? Result<UserRow>.Ok(before!) : deleted.As<UserRow>();
    }

    private static Result<UserRow> LastAdmin(string what) => Result<UserRow>.Conflict(AdminAccess.LastAdmin(what));

    private Task<bool> WouldLeaveNoActiveAdminAsync(LedgerDbContext db, string userId, CancellationToken ct) =>
        AdminAccess.WouldLeaveNoActiveAdminAsync(db, userId, clock.GetUtcNow(), ct);

    private Task<Result<UserRow>> ChangeUserAsync(Actor actor, string userId,
        Func<UserManager<ApplicationUser>, ApplicationUser, LedgerDbContext, Task<Result<UserRow>?>> change, CancellationToken ct) =>
        ChangeAsync<UserRow>(actor, userId, async (users, user, db) =>
        {
            var failure = await change(users, user!, db);
            if (failure is not null)
            {
                return failure;
            }
            await db.SaveChangesAsync(ct);
            return Result<UserRow>.Ok((await ListCoreAsync(db, new UserQuery(Search: user!.Email, PageSize: 200), ct)).Items.First(r => r.Id == user.Id));
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
