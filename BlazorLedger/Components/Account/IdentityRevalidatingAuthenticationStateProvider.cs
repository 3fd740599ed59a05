using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;

namespace BlazorLedger.Components.Account;

// A server-side AuthenticationStateProvider that revalidates the connected user every minute while a circuit is open,
// so a disabled, locked-out or deleted user (or one whose security stamp changed) loses access within a minute.
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A fresh scope, so the user manager (and its DbContext) is not the circuit's and the data is current.
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await SessionValidation.IsValidAsync(userManager, authenticationState.User, options.Value);
    }
}
