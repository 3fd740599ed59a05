using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Books;

public sealed class BookSwitcherTests : LedgerComponentTest
{
    private async Task<IRenderedComponent<WithProviders>> RenderOpenAsync()
    {
        await Services.GetRequiredService<CurrentBook>().EnsureAsync(User.Actor);
        var host = Render<WithProviders>(p => p.AddChildContent<BookSwitcher>());
        host.Find("[data-testid=book-switcher] button").Click();
        host.WaitForAssertion(() => host.ByTestId("new-book"));
        return host;
    }

    [Fact]
    public async Task Books_in_use_come_first_and_archived_books_are_listed_apart_under_their_own_heading()
    {
        await Ledger.Books.CreateAsync(User.Actor, "Zebra household", "EUR");
        var old = (await Ledger.Books.CreateAsync(User.Actor, "Allotment 2019", "EUR")).Value!;
        await Ledger.Books.SetArchivedAsync(User.Actor, old.Id, archived: true);

        var host = await RenderOpenAsync();

        Assert.Equal(["alice's book", "Zebra household"], host.FindAll("[data-testid=book-option]").Select(o => o.TextContent.Trim()));
        Assert.Equal("Archived", host.ByTestId("archived-heading").TextContent.Trim());
        Assert.Equal(["Allotment 2019"], host.FindAll("[data-testid=archived-book-option]").Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public async Task Without_archived_books_there_is_no_archived_heading()
    {
        var host = await RenderOpenAsync();

        Assert.Single(host.FindAll("[data-testid=book-option]"));
        Assert.Empty(host.FindAll("[data-testid=archived-heading]"));
    }

    [Fact]
    public async Task Choosing_an_archived_book_works_in_it_and_says_so()
    {
        var old = (await Ledger.Books.CreateAsync(User.Actor, "Allotment 2019", "EUR")).Value!;
        await Ledger.Books.SetArchivedAsync(User.Actor, old.Id, archived: true);
        var host = await RenderOpenAsync();

        host.ByTestId("archived-book-option").Click();

        host.WaitForAssertion(() => Assert.Contains("Allotment 2019 (archived)", host.ByTestId("book-switcher").TextContent));
        Assert.Equal(old.Id, Services.GetRequiredService<CurrentBook>().Book!.Id);
    }

    [Fact]
    public async Task A_new_book_made_from_the_menu_gets_its_template_and_becomes_the_working_book()
    {
        var host = await RenderOpenAsync();

        host.ByTestId("new-book").Click();
        host.WaitForAssertion(() => host.ByTestId("new-book-dialog"));
        host.Type("new-book-name", "Corner shop");
        var radio = host.Find("[data-testid=template-small-business] input");
        try
        {
            radio.Click();
        }
        catch (MissingEventHandlerException)
        {
            radio.Change(true);
        }
        host.ByTestId("create-book").Click();

        host.WaitForAssertion(() => Assert.Contains("Corner shop", host.ByTestId("book-switcher").TextContent));
        var book = Services.GetRequiredService<CurrentBook>().Book!;
        Assert.Equal(("Corner shop", "USD"), (book.Name, book.BaseCurrency));
        Assert.Equal(BookTemplates.AccountsOf(BookTemplate.SmallBusiness).Count, (await Ledger.Accounts.ListAsync(User.Actor, book.Id)).Value!.Count);
        Assert.Empty(host.FindAll("[data-testid=new-book-dialog]"));
    }
}
