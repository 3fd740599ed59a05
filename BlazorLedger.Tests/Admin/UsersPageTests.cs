using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Tests.Admin;

public sealed class UsersPageTests : AdminComponentTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ledger.CreateUserAsync("bob");
    }

    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<UsersPage>());
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=user-status]").Count));
        return host;
    }

    /// <summary>Opens the actions menu of the n-th user (sorted by name), picks an action and answers its question, if any.</summary>
    private static void Act(IRenderedComponent<WithProviders> host, int row, string action, string? answer = null)
    {
        host.FindAll("[data-testid=user-actions] button")[row].Click();
        host.WaitForAssertion(() => host.Find($"[data-testid={action}]"));
        host.Find($"[data-testid={action}]").Click();
        if (answer is not null)
        {
            host.WaitForAssertion(() => host.Find(".mud-dialog"));
            host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == answer).Click();
        }
    }

    [Fact]
    public void Locking_a_user_is_confirmed_then_told_in_words_and_shown_in_the_list()
    {
        var host = RenderPage();

        Act(host, row: 1, "action-lock", answer: "Lock");

        host.WaitForAssertion(() => Assert.Contains("bob is locked.", host.Find(".mud-snackbar").TextContent));
        host.WaitForAssertion(() => Assert.Equal("Locked", host.FindAll("[data-testid=user-status]")[1].TextContent.Trim()));
    }

    [Fact]
    public void The_last_admin_is_told_why_they_cannot_revoke_their_own_role()
    {
        var host = RenderPage();

        Act(host, row: 0, "action-admin", answer: "Revoke");

        host.WaitForAssertion(() => Assert.Contains("last active administrator", host.Find(".mud-snackbar").TextContent));
    }

    [Fact]
    public async Task A_user_made_with_a_temporary_password_shows_it_once_and_joins_the_list()
    {
        await using (var db = await Ledger.DbAsync())
        {
            // The app seeds its roles at start; every new user becomes a member.
            db.Roles.Add(new IdentityRole(Roles.Member) { NormalizedName = Roles.Member.ToUpperInvariant() });
            await db.SaveChangesAsync();
        }
        var host = RenderPage();

        host.Type("new-user-name", "Carol");
        host.Type("new-user-email", "carol@example.com");
        host.Find("form:has([data-testid=new-user-email])").Submit();

        host.WaitForAssertion(() => Assert.Contains("temporary password", host.ByTestId("created-user").TextContent));
        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll("[data-testid=user-status]").Count));
    }
}
