using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>A second book from the book menu, archived from its members page and listed apart, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BooksBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task A_new_book_starts_from_a_template_and_an_archived_book_is_read_only_and_listed_apart()
    {
        await browser.CreateUserAsync("nora@example.com", "Nora");
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "nora@example.com");

        await page.ClickAsync("[data-testid=book-switcher] button");
        await page.ClickAsync("[data-testid=new-book]");
        await page.FillAsync("[data-testid=new-book-name]", "Corner shop");
        await page.ClickAsync("[data-testid=template-small-business] label");
        await BrowserApp.ScreenshotAsync(page, "new-book-dialog");
        await page.ClickAsync("[data-testid=create-book]");

        await Expect(page.Locator("[data-testid=book-switcher]")).ToContainTextAsync("Corner shop");
        await Expect(page.Locator("[data-testid=account-row]")).ToHaveCountAsync(21);
        await Expect(page.Locator("[data-testid=account-row]", new() { HasTextString = "Accounts receivable" })).ToContainTextAsync("1200");

        await page.GotoAsync("book/members");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-testid=archive-book]");
        await page.ClickAsync(".mud-dialog button:has-text('Archive')");
        await Expect(page.Locator("[data-testid=archived-banner]")).ToContainTextAsync("Corner shop");
        await Expect(page.Locator("[data-testid=archive-book]")).ToContainTextAsync("Unarchive");
        await BrowserApp.ScreenshotAsync(page, "members-archived");

        await page.GotoAsync("accounts");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=account-row]")).ToHaveCountAsync(21);
        await Expect(page.Locator("[data-testid=new-account]")).ToHaveCountAsync(0);

        await page.ClickAsync("[data-testid=book-switcher] button");
        await Expect(page.Locator("[data-testid=archived-heading]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=archived-book-option]")).ToHaveTextAsync("Corner shop");
        await Expect(page.Locator("[data-testid=book-option]")).ToHaveTextAsync("Nora's book");
        await BrowserApp.ScreenshotAsync(page, "book-switcher");
    }
}
