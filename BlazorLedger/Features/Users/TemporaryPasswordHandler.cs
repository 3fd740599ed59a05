using Microsoft.AspNetCore.Authorization;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Refuses every authorization of a user who still holds a temporary password, whatever the policy asks for (a role,
/// a signed-in user, nothing), except on the pages that let them replace it. Being a handler for all requirements,
/// not only its own, it also covers policies that never list <see cref="OwnPasswordRequirement"/>.
/// </summary>
internal sealed class TemporaryPasswordHandler : IAuthorizationHandler
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
