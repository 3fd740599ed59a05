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

/// <summary>Clearing a posting by hand and reconciling an account to zero difference, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconcileBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private const string Email = "rita@example.com";
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);
    private Guid checking;

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        await browser.CreateUserAsync(Email, "Rita");
        var actor = await browser.App.ActorAsync(Email);
        await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            async Task<Guid> AccountAsync(string name, AccountType type) =>
                (await accounts.CreateAsync(actor, new CreateAccount(book, name, null, type, "USD"))).Value!.Id;
            checking = await AccountAsync("Checking", AccountType.Asset);
            var salary = await AccountAsync("Salary", AccountType.Income);
            var rent = await AccountAsync("Rent", AccountType.Expense);
            var postings = s.GetRequiredService<PostingService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            async Task PostAsync(string description, Guid from, Guid to, long amount, int daysAgo) =>
                Assert.True((await postings.PostAsync(actor, new PostTransaction(book, today.AddDays(-daysAgo), description, null,
                    [new PostingLine(to, amount), new PostingLine(from, -amount)]))).Succeeded);
            await PostAsync("Pay", salary, checking, 1_000_00, 10);
            await PostAsync("Rent", checking, rent, 300_00, 5);
            await PostAsync("Coffee", checking, rent, 4_50, 1);
            return 0;
        });
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task A_member_clears_a_posting_by_hand_then_reconciles_the_account_to_zero_difference()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, Email);
        await page.GotoAsync($"accounts/{checking}");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=account-title]")).ToHaveTextAsync("Checking");
        var rows = page.Locator("[data-testid=register-row]");
        await Expect(rows).ToHaveCountAsync(3);
        var pay = rows.Filter(new() { HasTextString = "Pay" }).Locator("[data-testid=register-clear]");
        await Expect(pay).ToHaveAttributeAsync("data-state", "Uncleared");

        // The bank has shown the pay: one click on its mark clears it, and the register says so once it has reloaded.
        await pay.ClickAsync();
        await Expect(pay).ToHaveAttributeAsync("data-state", "Cleared");

        await page.ClickAsync("[data-testid=reconcile]");
        await Expect(page.Locator("[data-testid=reconcile-panel]")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=reconcile-balance]", "700.00");
        await Expect(page.Locator("[data-testid=reconcile-start]")).ToBeEnabledAsync();
        await page.ClickAsync("[data-testid=reconcile-start]");
        var items = page.Locator("[data-testid=reconcile-item]");
        await Expect(items).ToHaveCountAsync(3);
        // Cleared by hand, so already ticked: only the rent is left to tick; the coffee is not on the statement.
        await Expect(items.Filter(new() { HasTextString = "Pay" }).Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=reconcile-difference]")).ToHaveTextAsync(new Regex(@"^\s*-300\.00\s*$"));
        await Expect(page.Locator("[data-testid=reconcile-finish]")).ToBeDisabledAsync();

        await items.Filter(new() { HasTextString = "Rent" }).Locator("label.mud-checkbox").ClickAsync();

        await Expect(items.Filter(new() { HasTextString = "Rent" }).Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=reconcile-difference]")).ToHaveTextAsync(new Regex(@"^\s*0\.00\s*$"));
        await Expect(page.Locator("[data-testid=reconcile-cleared]")).ToHaveTextAsync(new Regex(@"^\s*700\.00\s*$"));
        await Expect(page.Locator("[data-testid=reconcile-finish]")).ToBeEnabledAsync();
        await BrowserApp.ScreenshotAsync(page, "reconcile");
        await page.ClickAsync("[data-testid=reconcile-finish]");

        await Expect(page.Locator("[data-testid=reconcile-panel]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=register-state]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=reconciliation-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=reconciliation-balance]")).ToHaveTextAsync(new Regex(@"^\s*700\.00\s*$"));
        await Expect(rows.Filter(new() { HasTextString = "Coffee" }).Locator("[data-testid=register-clear]")).ToHaveAttributeAsync("data-state", "Uncleared");
        var states = await browser.App.WithDbAsync(db => db.Postings.Where(p => p.AccountId == checking)
            .OrderBy(p => p.Date).Select(p => p.State).ToListAsync());
        Assert.Equal([PostingState.Reconciled, PostingState.Reconciled, PostingState.Uncleared], states);
    }
}
