using System.Security.Claims;
using BlazorLedger.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

public static class LedgerClaims
{
    public const string DisplayName = "blazorledger:display_name";
    public const string MustChangePassword = "blazorledger:must_change_password";
}

/// <summary>Puts the user's display name into the sign-in cookie, so the app bar can greet them without a query.</summary>
public sealed class LedgerClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(LedgerClaims.DisplayName, user.DisplayName));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(LedgerClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
