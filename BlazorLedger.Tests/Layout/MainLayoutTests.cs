using BlazorLedger.Components;
using BlazorLedger.Components.Layout;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BlazorLedger.Tests.Layout;

public sealed class MainLayoutTests : LedgerComponentTest
{
    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"body\">page body</p>"))));

    [Fact]
    public void The_app_bar_shows_the_product_the_signed_in_user_and_their_book()
    {
        var layout = RenderLayout();

        Assert.Equal("BlazorLedger", layout.Find("[data-testid=product-name]").TextContent);
        Assert.Contains("alice", layout.Find("[data-testid=signed-in-user]").TextContent);
        Assert.Contains("alice's book", layout.Find("[data-testid=book-switcher]").TextContent);
        Assert.Equal("page body", layout.Find("#body").TextContent);
    }

    [Fact]
    public void Toggling_dark_mode_switches_the_theme_and_remembers_the_choice()
    {
        var layout = RenderLayout();
        Assert.Equal("light", layout.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-mode"));

        layout.Find("[data-testid=dark-mode-toggle]").Click();

        var saved = JSInterop.VerifyInvoke("blazorLedger.setPreference");
        Assert.Equal([UserPreferences.DarkModeCookie, "true"], saved.Arguments);
        Assert.Equal("dark", layout.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-mode"));
    }

    [Fact]
    public void A_remembered_dark_mode_is_rendered_from_the_start()
    {
        var routes = Render<Routes>(p => p.Add(r => r.DarkMode, "true"));

        Assert.Equal("dark", routes.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-mode"));
    }

    [Fact]
    public async Task The_remembered_book_is_the_one_shown_when_the_user_has_several()
    {
        var shared = (await Ledger.Books.CreateAsync(User.Actor, "Zebra household", "EUR")).Value!;

        var routes = Render<Routes>(p => p.Add(r => r.BookId, shared.Id.ToString()));

        routes.WaitForAssertion(() => Assert.Contains("Zebra household", routes.Find("[data-testid=book-switcher]").TextContent));
        routes.WaitForAssertion(() => Assert.Contains("Zebra household", routes.Find("[data-testid=book-name]").TextContent));
    }

    [Fact]
    public async Task Switching_book_remembers_it_and_reloads_the_page_for_it()
    {
        await Ledger.Books.CreateAsync(User.Actor, "Zebra household", "EUR");
        var routes = Render<Routes>();
        routes.WaitForAssertion(() => Assert.Contains("alice's book", routes.Find("[data-testid=book-name]").TextContent));

        routes.Find("[data-testid=book-switcher] button").Click();
        routes.WaitForAssertion(() => Assert.Equal(2, routes.FindAll("[data-testid=book-option]").Count));
        routes.FindAll("[data-testid=book-option]").Single(o => o.TextContent.Contains("Zebra")).Click();

        routes.WaitForAssertion(() => Assert.Contains("Zebra household", routes.Find("[data-testid=book-name]").TextContent));
        Assert.Equal(UserPreferences.BookCookie, JSInterop.VerifyInvoke("blazorLedger.setPreference").Arguments[0]);
    }

    [Fact]
    public void A_visitor_who_is_not_signed_in_is_offered_sign_in()
    {
        Auth.SetNotAuthorized();

        var layout = RenderLayout();

        Assert.Empty(layout.FindAll("[data-testid=signed-in-user]"));
        Assert.Contains(layout.FindAll("a"), a => a.GetAttribute("href") == "Account/Login");
    }
}
