using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>The keyboard shortcuts on the real pages of a real Chromium: each key does its one thing, and only outside fields.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardShortcutsBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private const string Email = "kit@example.com";
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        await browser.CreateUserAsync(Email, "Kit");
        var actor = await browser.App.ActorAsync(Email);
        await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            var cash = (await accounts.CreateAsync(actor, new CreateAccount(book, "Cash", null, AccountType.Asset, "USD"))).Value!.Id;
            var food = (await accounts.CreateAsync(actor, new CreateAccount(book, "Food", null, AccountType.Expense, "USD"))).Value!.Id;
            var postings = s.GetRequiredService<PostingService>();
            foreach (var (description, cents) in new[] { ("Lunch", 12_00L), ("Groceries", 80_00L) })
            {
                await postings.PostAsync(actor, new PostTransaction(book, DateOnly.FromDateTime(DateTime.UtcNow), description, null,
                    [new PostingLine(food, cents), new PostingLine(cash, -cents)]));
            }
            return 0;
        });
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task N_opens_a_new_transaction_ctrl_enter_posts_it_slash_searches_and_question_mark_lists_the_shortcuts()
    {
        var page = await browser.NewPageAsync();
        // Counts the shortcut listeners the page installs, to see that changing pages never adds a second one.
        await page.AddInitScriptAsync("""
            (() => {
                window.shortcutListeners = 0;
                const add = Document.prototype.addEventListener;
                Document.prototype.addEventListener = function (type, listener, options) {
                    if (type === 'keydown' && listener?.name === 'onKeyDown') window.shortcutListeners++;
                    return add.call(this, type, listener, options);
                };
            })()
            """);
        await BrowserApp.SignInAsync(page, Email);
        await Expect(page.Locator("[data-testid=account-row]")).ToHaveCountAsync(2);
        // The listener comes with a script module the layout imports after its first interactive render: a key pressed
        // before that is the browser's alone.
        await page.WaitForFunctionAsync("() => window.shortcutListeners === 1");

        await page.Keyboard.PressAsync("?");
        var dialog = page.Locator("[data-testid=shortcuts-dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=shortcut]")).ToHaveCountAsync(4);
        await BrowserApp.ScreenshotAsync(page, "keyboard-shortcuts");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        // Shortcuts wait while any dialog is open (its container leaves after the content, once it has faded out).
        await Expect(page.Locator(".mud-dialog-container")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("n");
        await Expect(page).ToHaveURLAsync(new Regex("/transactions/new$"));
        await Expect(page.Locator("[data-testid=transaction-form]")).ToBeVisibleAsync();
        // The router moves focus to the new page's heading; keys pressed before that would land wherever it leaves them.
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        // In a field, letters are text: "n" is typed, not obeyed.
        await page.FocusAsync("input[data-testid=description]");
        await page.Keyboard.TypeAsync("Dinner n?");
        await Expect(page.Locator("input[data-testid=description]")).ToHaveValueAsync("Dinner n?");
        await Expect(dialog).ToHaveCountAsync(0);
        await BrowserApp.ChooseAsync(page, "from-account", "Cash");
        await BrowserApp.ChooseAsync(page, "to-account", "Food");
        await page.FillAsync("[data-testid=amount]", "42");
        await page.FocusAsync("input[data-testid=amount]");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Posted #3" })).ToBeVisibleAsync();
        Assert.Equal(42_00, await browser.App.WithDbAsync(db =>
            db.Transactions.Where(t => t.Description == "Dinner n?").SelectMany(t => t.Postings).Where(p => p.Amount > 0).Select(p => p.Amount).SingleAsync()));

        await page.ClickAsync("[data-testid=nav-transactions]");
        var rows = page.Locator("[data-testid=transaction-row]");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("/");
        var search = page.Locator("input[data-testid=search-text]");
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Lunch");
        await Expect(search).ToHaveValueAsync("Lunch");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Lunch");

        // Pages have changed three times; the listener was installed once and the help still opens, once.
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("?");
        await Expect(dialog).ToHaveCountAsync(1);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.shortcutListeners"));
    }
}
