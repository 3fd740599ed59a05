using Microsoft.AspNetCore.Authorization;

namespace BlazorLedger.Features.Users;

public static class TemporaryPasswordGate
{
    /// <summary>
    /// Every endpoint is authorized, those without any rule of their own by the fallback policy, so that the handler
    /// sees every page, download and form post, whatever its path.
    /// </summary>
    public static IServiceCollection AddTemporaryPasswordGate(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, TemporaryPasswordHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TemporaryPasswordResultHandler>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new OwnPasswordRequirement()).Build())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new OwnPasswordRequirement()).Build());
        return services;
    }
}
