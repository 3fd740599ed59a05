using BlazorLedger.Components.Account;
using BlazorLedger.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Features.Users;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Member = "Member";
}

public static class UsersRegistration
{
    /// <summary>
    /// A user holding a temporary password is sent to change it before any other page loads. (Leaving the static account
    /// pages is always a full page load, so this check sees every attempt.)
    /// </summary>
    public static IApplicationBuilder UseTemporaryPasswordGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (HttpMethods.IsGet(http.Request.Method) && http.User.HasClaim(LedgerClaims.MustChangePassword, "true")
            && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content")
            && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/api") && !Path.HasExtension(path.Value))
        {
            http.Response.Redirect("/Account/Manage/ChangePassword");
            return;
        }
        await next();
    });

    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<UserDeletionService>();
        services.AddSignInLimits();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // No mail server is assumed; confirmation and the outbox arrive with user management.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LedgerDbContext>()
            .AddUserManager<LedgerUserManager>()
            .AddClaimsPrincipalFactory<LedgerClaimsPrincipalFactory>()
            .AddSignInManager<LedgerSignInManager>()
            .AddDefaultTokenProviders();

        // Session cookies are re-checked against the user (disabled? stamp changed?) every minute, not every 30.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return services;
    }
}
