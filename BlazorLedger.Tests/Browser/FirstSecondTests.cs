using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>
/// The moment between a page arriving and its circuit taking over: what a quick user clicks or types then must not be lost.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstSecondTests(SharedChromium chromium) : IAsyncLifetime
{
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task A_page_arrives_with_its_controls_held_until_it_is_live_and_sign_in_pages_are_never_held()
    {
        await browser.CreateUserAsync("quick@example.com", "Quick");
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "quick@example.com");

        // The HTML as it arrives, before any script runs.
        var accounts = await (await page.APIRequest.GetAsync("accounts")).TextAsync();
        Assert.Matches(HeldFrame(), accounts);
        Assert.Contains("data-testid=\"preparing\"", accounts, StringComparison.Ordinal);
        var login = await (await page.Context.Browser!.NewContextAsync(new() { BaseURL = browser.App.BaseAddress.ToString() }))
            .APIRequest.GetAsync("Account/Login");
        Assert.DoesNotMatch(HeldFrame(), await login.TextAsync());

        // Live, the frame lets go and the bar is gone.
        await page.GotoAsync("accounts");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("fieldset.page-frame")).Not.ToHaveAttributeAsync("disabled", new Regex(".*"));
        await Expect(page.Locator("[data-testid=preparing]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_click_and_typing_right_after_navigation_take_effect()
    {
        await browser.CreateUserAsync("fast@example.com", "Fast");
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "fast@example.com");

        // No wait for the circuit: the click is taken as soon as the button can take it.
        await page.GotoAsync("accounts", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await page.ClickAsync("[data-testid=new-account]");
        await Expect(page.Locator("[data-testid=account-dialog]")).ToBeVisibleAsync();

        await page.GotoAsync("tokens", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await page.FillAsync("[data-testid=token-name]", "Laptop");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=token-name]")).ToHaveValueAsync("Laptop");
        await page.ClickAsync("[data-testid=create-token]");
        await Expect(page.Locator("[data-testid=token-row]")).ToContainTextAsync("Laptop");
    }

    /// <summary>Every page with a form: what is typed the moment it arrives is still there once it is live.</summary>
    [Fact]
    public async Task Typing_right_after_navigation_stays_on_every_page_with_a_form()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, AppHost.AdminEmail, AppHost.AdminPassword);
        var admin = await browser.App.AdminAsync();
        var book = (await browser.App.WithScopeAsync(s => s.GetRequiredService<BookService>().ListAsync(admin)))[0].Id;
        await browser.App.WithScopeAsync(async s =>
        {
            var accounts = s.GetRequiredService<AccountService>();
            await accounts.CreateAsync(admin, new CreateAccount(book, "Cash", null, AccountType.Asset, "USD"));
            return await accounts.CreateAsync(admin, new CreateAccount(book, "Food", null, AccountType.Expense, "USD"));
        });

        (string Url, string Field)[] forms =
        [
            ("transactions/new", "description"),
            ("transactions", "search-text"),
            ("book/members", "invite-email"),
            ("import/rules", "rule-pattern"),
            ("admin/users", "new-user-name"),
            ("tokens", "token-name"),
        ];
        foreach (var (url, field) in forms)
        {
            await page.GotoAsync(url, new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
            await page.FillAsync($"[data-testid={field}]", "typed at once");
            await BrowserApp.WaitInteractiveAsync(page);
            await Expect(page.Locator($"[data-testid={field}]")).ToHaveValueAsync("typed at once", new() { Timeout = 5_000 });
        }

        // And a click: the new book dialog from the book menu.
        await page.GotoAsync("reports", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await page.ClickAsync("[data-testid=book-switcher] button");
        await page.ClickAsync("[data-testid=new-book]");
        await Expect(page.Locator("[data-testid=new-book-dialog]")).ToBeVisibleAsync();
    }

    [GeneratedRegex("<fieldset[^>]*class=\"page-frame\"[^>]*disabled")]
    private static partial Regex HeldFrame();
}
