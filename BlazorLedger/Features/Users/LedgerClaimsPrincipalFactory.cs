using System.Security.Claims;
using BlazorLedger.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Puts the user's display name and number format into the sign-in cookie, so the app bar can greet them and every request
/// can format for them without a query.
/// </summary>
internal sealed class LedgerClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(LedgerClaims.DisplayName, user.DisplayName));
        }
        if (!string.IsNullOrEmpty(user.Culture))
        {
            identity.AddClaim(new Claim(LedgerClaims.Culture, user.Culture));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(LedgerClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
