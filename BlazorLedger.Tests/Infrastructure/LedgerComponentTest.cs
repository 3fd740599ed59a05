using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// Base for component tests: a fresh bUnit context per test, with MudBlazor, loose JS interop, the real ledger services
/// over the test's own in-memory SQLite database, and a signed-in user who owns a personal book.
/// </summary>
public abstract class LedgerComponentTest : BunitContext, IAsyncLifetime
{
    private readonly InMemoryDatabase connection;

    // The suite runs hundreds of tests in parallel on two cores: give renders room before a wait gives up, not sleeps.
    static LedgerComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected LedgerComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        connection = TestLedger.AddInMemoryLedger(Services);
        Auth = AddAuthorization();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Ledger = new TestLedger(Services, () => ValueTask.CompletedTask);
    }

    protected BunitAuthorizationContext Auth { get; }

    private protected TestLedger Ledger { get; }

    /// <summary>The signed-in user; set by <see cref="InitializeAsync"/>.</summary>
    protected TestUser User { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        User = await Ledger.CreateUserAsync("alice");
        SignIn(User, "alice");
    }

    protected void SignIn(TestUser user, string name, params string[] roles)
    {
        Auth.SetAuthorized($"{name}@example.com");
        Auth.SetRoles(roles);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.UserId),
            new Claim(BlazorLedger.Features.Users.LedgerClaims.DisplayName, name));
    }

    /// <summary>Renders the MudBlazor popover host, where menus and select lists put their items.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await connection.DisposeAsync();
    }
}
