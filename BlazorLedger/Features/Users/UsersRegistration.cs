using BlazorLedger.Components.Account;
using BlazorLedger.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Features.Users;

public static class UsersRegistration
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<UserDeletionService>();
        services.AddScoped<RegistrationService>();
        services.AddSignInLimits();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();
        services.AddTemporaryPasswordGate();

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
