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

        var saved = JSInterop.VerifyInvoke("localStorage.setItem");
        Assert.Equal(["blazorledger.darkMode", "true"], saved.Arguments);
        Assert.Equal("dark", layout.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-mode"));
    }

    [Fact]
    public void A_remembered_dark_mode_is_restored_on_load()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "blazorledger.darkMode").SetResult("true");

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.Equal("dark", layout.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-mode")));
    }

    [Fact]
    public async Task The_remembered_book_is_chosen_when_the_user_has_several()
    {
        var shared = (await Ledger.Books.CreateAsync(User.Actor, "Zebra household", "EUR")).Value!;
        JSInterop.Setup<string?>("localStorage.getItem", "blazorledger.book").SetResult(shared.Id.ToString());

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.Contains("Zebra household", layout.Find("[data-testid=book-switcher]").TextContent));
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
