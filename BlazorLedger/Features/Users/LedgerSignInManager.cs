using System.Security.Claims;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Identity's sign-in manager, plus: a disabled user cannot sign in (nor keep a session), and every sign-in and failed
/// attempt is recorded on the user and in the audit log.
/// </summary>
public sealed class LedgerSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider clock,
    IDbContextFactory<LedgerDbContext> dbFactory)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (!result.Succeeded && !result.IsNotAllowed)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            user.FailedSignInCount++;
            user.LastFailedSignInAt = now;
            await UserManager.UpdateAsync(user);
            await AuditAsync(now, user.Id, AuditActions.SignInFailed, new { LockedOut = result.IsLockedOut });
        }
        return result;
    }

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        user.LastSignInAt = now;
        await UserManager.UpdateAsync(user);
        await AuditAsync(now, user.Id, AuditActions.SignedIn, null);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>Cookies of disabled users stop working at the next security-stamp check.</summary>
    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { DisabledAt: null } ? user : null;
    }

    private async Task AuditAsync(DateTime at, string userId, string action, object? details)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Audit(at, userId, null, action, "User", userId, details);
        await db.SaveChangesAsync();
    }
}
