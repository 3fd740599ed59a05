using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Admin;

public sealed class OutboxPageTests : AdminComponentTest
{
    [Fact]
    public async Task A_message_body_is_shown_in_a_frame_that_runs_nothing_and_never_as_markup_of_the_page()
    {
        const string hostile = "<p>Hi</p><script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">" +
            "<a href=\"javascript:window.pwned = 3\">click</a>";
        await using (var db = await Ledger.DbAsync())
        {
            db.Outbox.Add(new OutboxMessage { CreatedAt = DateTime.UtcNow, To = "eve@example.com", Subject = "<b>Subject</b>", HtmlBody = hostile });
            await db.SaveChangesAsync();
        }

        var page = Render<OutboxPage>();

        page.WaitForAssertion(() => page.ByTestId("outbox-message"));
        Assert.Empty(page.FindAll("[data-testid=outbox-message] script, [data-testid=outbox-message] img, [data-testid=outbox-message] a, b"));
        Assert.Contains("<b>Subject</b>", page.ByTestId("outbox-message").TextContent);
        var frame = page.ByTestId("outbox-body");
        Assert.Equal("iframe", frame.LocalName);
        var sandbox = frame.GetAttribute("sandbox");
        Assert.NotNull(sandbox);
        Assert.DoesNotContain("allow-scripts", sandbox);
        Assert.DoesNotContain("allow-same-origin", sandbox);
        Assert.Contains(hostile, frame.GetAttribute("srcdoc"));
    }

    [Fact]
    public async Task An_invitation_sent_from_a_circuit_links_to_the_public_address_not_the_circuits_base()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<BlazorLedger.Features.Books.MembersPage>());
        host.WaitForAssertion(() => host.ByTestId("invite-email"));
        Assert.NotEqual(TestLedger.PublicUrl, Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().BaseUri);

        host.Type("invite-email", "carol@example.com");
        host.Find("form:has([data-testid=invite-email])").Submit();

        host.WaitForAssertion(() => Assert.StartsWith(TestLedger.PublicUrl + "invitations/", host.Find("[data-testid=invite-link] code").TextContent));
        var mail = Assert.Single((await Ledger.Outbox.ListAsync(User.Actor)).Value!);
        Assert.Contains($"href=\"{TestLedger.PublicUrl}invitations/", mail.HtmlBody);
    }
}
