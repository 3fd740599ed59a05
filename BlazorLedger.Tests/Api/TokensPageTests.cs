using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

public sealed class TokensPageTests : LedgerComponentTest
{
    [Fact]
    public async Task A_token_is_shown_once_listed_by_prefix_and_can_be_revoked()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<TokensPage>());
        host.WaitForAssertion(() => host.ByTestId("no-tokens"));

        host.Type("token-name", "importer");
        host.Choose("token-scope", "write");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("bl_", host.ByTestId("token-secret").TextContent));
        var secret = host.Find("[data-testid=token-secret] code").TextContent;
        var row = host.ByTestId("token-row").TextContent;
        Assert.Contains("importer", row);
        Assert.Contains("write", row);
        Assert.Contains(secret[..10], row);
        Assert.DoesNotContain(secret, row);
        var tokens = Services.GetRequiredService<ApiTokenService>();
        Assert.NotNull(await tokens.AuthenticateAsync(secret));

        host.ByTestId("revoke-token").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        host.WaitForAssertion(() => Assert.Contains("revoked", host.ByTestId("token-row").TextContent));
        Assert.Null(await tokens.AuthenticateAsync(secret));
    }

    [Fact]
    public void A_token_needs_a_name()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<TokensPage>());

        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("Enter a name", host.Markup));
        Assert.Empty(host.FindAll("[data-testid=token-secret]"));
    }

    [Fact]
    public async Task A_token_limited_to_one_book_says_so_and_reaches_that_book_alone()
    {
        var shop = (await Ledger.Books.CreateAsync(User.Actor, "Shop", "EUR")).Value!;
        var host = Render<WithProviders>(p => p.AddChildContent<TokensPage>());
        host.WaitForAssertion(() => host.ByTestId("no-tokens"));

        host.Type("token-name", "shop importer");
        host.Choose("token-book", "Only Shop");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Equal("only Shop", host.ByTestId("token-books").TextContent.Trim()));
        var secret = host.Find("[data-testid=token-secret] code").TextContent;
        var caller = await Services.GetRequiredService<ApiTokenService>().AuthenticateAsync(secret);
        Assert.Equal(shop.Id, caller!.OnlyBook);
    }
}
