using System.Security.Claims;
using BlazorLedger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Features.Users;

/// <summary>Whether a signed-in session may go on: the user still exists, is neither disabled nor locked out, and the
/// security stamp in the session matches (a password change or "sign out everywhere" changes it).</summary>
public static class SessionValidation
{
    public static async Task<bool> IsValidAsync(UserManager<ApplicationUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var principalStamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
