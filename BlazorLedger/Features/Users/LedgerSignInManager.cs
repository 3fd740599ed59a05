using System.Security.Claims;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Identity's sign-in manager, plus: a disabled user cannot sign in (nor keep a session), every sign-in and failed
/// attempt is recorded on the user and in the audit log, and a wrong password reads the same whether the address is
/// unknown, disabled or active.
/// </summary>
internal sealed class LedgerSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    IPasswordHasher<ApplicationUser> passwordHasher,
    TimeProvider clock,
    IDbContextFactory<LedgerDbContext> dbFactory)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a password nobody has, checked for unknown addresses so that they take as long as known ones.</summary>
    private static readonly Lazy<string> UnknownUserHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString()));

    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            passwordHasher.VerifyHashedPassword(new ApplicationUser(), UnknownUserHash.Value, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        var result = user.DisabledAt is null
            ? await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure)
            : await CheckDisabledUserPasswordAsync(user, password, lockoutOnFailure);
        if (!result.Succeeded && !result.IsNotAllowed)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var tx = await db.BeginWriteTransactionAsync(default);
            // Added in the database, not to the row read at the start of this request, so parallel guesses all count.
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedSignInCount, u => u.FailedSignInCount + 1)
                .SetProperty(u => u.LastFailedSignInAt, now));
            db.Audit(now, user.Id, null, AuditActions.SignInFailed, "User", user.Id, new { LockedOut = result.IsLockedOut });
            await db.SaveChangesAsync();
            await tx.CommitAsync(default);
        }
        return result;
    }

    /// <summary>
    /// A disabled user is told so only once they have given the right password; until then they are treated like anyone
    /// else (a wrong password fails and counts towards lockout), so the page does not reveal which addresses exist.
    /// </summary>
    private async Task<SignInResult> CheckDisabledUserPasswordAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }
        if (await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.NotAllowed;
        }
        if (UserManager.SupportsUserLockout && lockoutOnFailure)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
            {
                return SignInResult.LockedOut;
            }
        }
        return SignInResult.Failed;
    }

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        user.LastSignInAt = now;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            // Only the one column: writing the whole row read earlier would undo failures counted since.
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
            db.Audit(now, user.Id, null, AuditActions.SignedIn, "User", user.Id, null);
            await db.SaveChangesAsync();
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>Cookies of disabled users stop working at the next security-stamp check.</summary>
    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { DisabledAt: null } ? user : null;
    }
}
