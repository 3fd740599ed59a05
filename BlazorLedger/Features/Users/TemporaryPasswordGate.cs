using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace BlazorLedger.Features.Users;

/// <summary>Marks the few pages and endpoints a user holding a temporary password may use: changing it and signing out.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowTemporaryPasswordAttribute : Attribute;

/// <summary>The user has chosen their own password (or was never given a temporary one).</summary>
public sealed class OwnPasswordRequirement : IAuthorizationRequirement;

/// <summary>
/// Refuses every authorization of a user who still holds a temporary password, whatever the policy asks for (a role,
/// a signed-in user, nothing), except on the pages that let them replace it. Being a handler for all requirements,
/// not only its own, it also covers policies that never list <see cref="OwnPasswordRequirement"/>.
/// </summary>
public sealed class TemporaryPasswordHandler : IAuthorizationHandler
{
    public const string Reason = "Choose your own password first.";

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.HasClaim(LedgerClaims.MustChangePassword, "true") && !Allowed(context.Resource))
        {
            context.Fail(new AuthorizationFailureReason(this, Reason));
            return Task.CompletedTask;
        }
        foreach (var requirement in context.PendingRequirements.OfType<OwnPasswordRequirement>().ToList())
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    private static bool Allowed(object? resource) => resource switch
    {
        HttpContext http => http.GetEndpoint()?.Metadata.GetMetadata<AllowTemporaryPasswordAttribute>() is not null,
        RouteData route => route.PageType.IsDefined(typeof(AllowTemporaryPasswordAttribute), inherit: true),
        _ => false,
    };
}

/// <summary>Sends a page request refused only for the temporary password to the page where it is changed.</summary>
public sealed class TemporaryPasswordResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is TemporaryPasswordHandler) != true)
        {
            await standard.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var changePassword = $"{context.Request.PathBase}/Account/Manage/ChangePassword";
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect(changePassword);
            return;
        }
        // With a body, so that the status code pages do not replay the post against the not-found page.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsync($"{TemporaryPasswordHandler.Reason} ({changePassword})");
    }
}

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
