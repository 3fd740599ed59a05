using System.Security.Claims;

namespace BlazorLedger.Common;

/// <summary>The signed-in user a service call acts for. Services check book membership and role against it.</summary>
public sealed record Actor(string UserId)
{
    public static Actor? FromPrincipal(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? new Actor(id) : null;
}
