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

namespace BlazorLedger.Features.Admin;

/// <summary>
/// What admins change about users. Identity's UserManager is scoped and holds a DbContext, and a circuit's scope lives as
/// long as the circuit, so every command takes a fresh scope. Each command is one write transaction on that scope's
/// context that takes the administration lock (<see cref="WriteLocks.LockAdministrationAsync"/>) before anything is read:
/// the caller's admin role, the last-admin rule, the change and its audit event are read and written as one, and
/// concurrent commands (from this app instance or any other) queue at the lock, so two admins acting at once cannot,
/// between them, remove the last active admin.
/// </summary>
internal sealed class UserCommands(IServiceScopeFactory scopes, TimeProvider clock, InvitationService invitations,
    IEmailSender<ApplicationUser> mail, PublicAddress publicAddress, UserDeletionService deletion)
{
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
        return await InWriteTransactionAsync<CreatedUser>(actor, async (users, db) =>
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
            // The user manager joins the transaction open on its context: user, role, personal book and audit commit together.
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Result<CreatedUser>.Invalid("Email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, AuditActions.UserCreated, "User", user.Id, new { Email = email });
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
            if (!locked)
            {
                // Not ResetAccessFailedCountAsync: it writes through a context of its own, which would wait for this transaction's lock.
                user.AccessFailedCount = 0;
            }
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? AdminLock.Until : null);
            if (locked)
            {
                await users.UpdateSecurityStampAsync(user);
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
    public async Task<Result<UserRow>> SendPasswordResetAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        (ApplicationUser User, string Link)? reset = null;
        var result = await ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            reset = (user, publicAddress.Link("Account/ResetPassword", ("code", code)));
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, null, AuditActions.PasswordResetSent, "User", user.Id);
            return null;
        }, ct);
        if (result.Succeeded && reset is { } sent)
        {
            // After the commit: the outbox writes through a context of its own (which would wait for this transaction's
            // lock), and delivery by SMTP must not hold the database's write lock.
            await mail.SendPasswordResetLinkAsync(sent.User, sent.User.Email!, sent.Link);
        }
        return result;
    }

    /// <summary>Deletes a user through the one delete path that self-deletion takes too.</summary>
    public Task<Result<DeletedUser>> DeleteAsync(Actor actor, string userId, SoleOwnedBooks books, CancellationToken ct = default) =>
        deletion.DeleteByAdminAsync(actor, userId, books, ct);

    private static Result<UserRow> LastAdmin(string what) => Result<UserRow>.Conflict(AdminAccess.LastAdmin(what));

    private Task<bool> WouldLeaveNoActiveAdminAsync(LedgerDbContext db, string userId, CancellationToken ct) =>
        AdminAccess.WouldLeaveNoActiveAdminAsync(db, userId, clock.GetUtcNow(), ct);

    /// <summary>A command on one user, read by id inside the transaction; answers with the user's row as the command left it.</summary>
    private Task<Result<UserRow>> ChangeUserAsync(Actor actor, string userId,
        Func<UserManager<ApplicationUser>, ApplicationUser, LedgerDbContext, Task<Result<UserRow>?>> change, CancellationToken ct) =>
        InWriteTransactionAsync<UserRow>(actor, async (users, db) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return Result<UserRow>.NotFound("User not found.");
            }
            if (await change(users, user, db) is { } failure)
            {
                return failure;
            }
            await db.SaveChangesAsync(ct);
            return Result<UserRow>.Ok((await UserQueries.RowAsync(db, user.Id, clock.GetUtcNow(), ct))!);
        }, ct);

    /// <summary>
    /// Runs <paramref name="command"/> for an admin in a fresh scope, in one write transaction that commits only if it
    /// succeeds; all of it again, in a new scope, if the database rolled it back to settle a conflict (<see cref="DbRetry"/>).
    /// </summary>
    private Task<Result<T>> InWriteTransactionAsync<T>(Actor actor,
        Func<UserManager<ApplicationUser>, LedgerDbContext, Task<Result<T>>> command, CancellationToken ct) =>
        DbRetry.RunAsync(async c =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            // The context Identity's store writes through, so the user manager's saves fall inside this transaction.
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await using var transaction = await db.BeginWriteTransactionAsync(c);
            await db.LockAdministrationAsync(c);
            if (!await AdminAccess.IsAdminAsync(db, actor, c))
            {
                return Result<T>.Forbidden(AdminAccess.Denied);
            }
            var result = await command(users, db);
            if (result.Succeeded)
            {
                await db.SaveChangesAsync(c);
                await transaction.CommitAsync(c);
            }
            return result;
        }, ct);

    internal static string TemporaryPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 12);
        // The fixed tail holds what Identity's rules ask for (a digit, a lower- and an upper-case letter, a symbol), so no
        // draw of the random part can produce a password that Identity refuses.
        return $"{body[..4]}-{body[4..8]}-{body[8..]}-7aK";
    }
}
