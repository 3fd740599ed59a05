using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorLedger.Tests.Books;

public sealed class NewBookDialogTests : LedgerComponentTest
{
    private async Task<(IRenderedComponent<WithProviders> Host, IDialogReference Dialog)> OpenAsync(string currency = "EUR")
    {
        var host = Render<WithProviders>();
        var parameters = new DialogParameters<NewBookDialog> { { d => d.Actor, User.Actor }, { d => d.DefaultCurrency, currency } };
        var dialog = await host.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<NewBookDialog>("New book", parameters));
        host.WaitForAssertion(() => host.ByTestId("new-book-dialog"));
        return (host, dialog);
    }

    [Fact]
    public async Task It_offers_every_template_with_household_chosen_and_the_current_currency()
    {
        var (host, _) = await OpenAsync("EUR");

        Assert.Equal(["Household", "Small business", "Empty"],
            host.FindAll("[data-testid^=template-] label").Select(l => l.TextContent.Split('·')[0].Trim()));
        Assert.Contains("mud-checked", host.Find("[data-testid=template-household]").InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-checked", host.Find("[data-testid=template-empty]").InnerHtml, StringComparison.Ordinal);
        Assert.Equal("EUR", host.Find("input[data-testid=new-book-currency]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_missing_name_is_explained_on_the_field_and_no_book_is_made()
    {
        var (host, dialog) = await OpenAsync();

        host.ByTestId("create-book").Click();

        host.WaitForAssertion(() => Assert.Contains("Enter a name of 1 to 100 characters.", host.Markup));
        Assert.Single(await Ledger.Books.ListAsync(User.Actor));
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Creating_returns_the_new_household_book_with_its_accounts()
    {
        var (host, dialog) = await OpenAsync();

        host.Type("new-book-name", "Family");
        host.ByTestId("create-book").Click();

        var result = await dialog.Result;
        var book = Assert.IsType<BookSummary>(result!.Data);
        Assert.Equal(("Family", "EUR"), (book.Name, book.BaseCurrency));
        var accounts = (await Ledger.Accounts.ListAsync(User.Actor, book.Id)).Value!;
        Assert.Contains(accounts, a => a.Name == "Groceries");
        Assert.Equal(BookTemplates.AccountsOf(BookTemplate.Household).Count, accounts.Count);
    }

    [Fact]
    public async Task Cancelling_makes_no_book()
    {
        var (host, dialog) = await OpenAsync();

        host.Type("new-book-name", "Family");
        host.ByTestId("cancel").Click();

        Assert.True((await dialog.Result)!.Canceled);
        Assert.Single(await Ledger.Books.ListAsync(User.Actor));
    }
}
