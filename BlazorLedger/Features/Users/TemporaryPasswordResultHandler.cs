using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BlazorLedger.Features.Users;

/// <summary>Sends a page request refused only for the temporary password to the page where it is changed.</summary>
internal sealed class TemporaryPasswordResultHandler : IAuthorizationMiddlewareResultHandler
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
