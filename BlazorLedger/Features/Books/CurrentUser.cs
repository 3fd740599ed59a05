using BlazorLedger.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorLedger.Features.Books;

/// <summary>The signed-in user of this circuit or request, as the <see cref="Actor"/> that service calls act for.</summary>
internal sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User) ?? throw new InvalidOperationException("No user is signed in.");
    }
}
