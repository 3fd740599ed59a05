using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>A filtered transaction list lives in its address: reloads, back and forward, and a copied link show the same list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TransactionFiltersBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private const string Email = "fern@example.com";
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);
    private Guid food;

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        await browser.CreateUserAsync(Email, "Fern");
        var actor = await browser.App.ActorAsync(Email);
        food = await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            async Task<Guid> AccountAsync(string name, AccountType type) =>
                (await accounts.CreateAsync(actor, new CreateAccount(book, name, null, type, "USD"))).Value!.Id;
            var cash = await AccountAsync("Cash", AccountType.Asset);
            var food = await AccountAsync("Food", AccountType.Expense);
            var fuel = await AccountAsync("Fuel", AccountType.Expense);
            var postings = s.GetRequiredService<PostingService>();
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var (description, payee, account, cents) in new[]
            {
                ("Lunch", "Luigi", food, 12_00L), ("Dinner", "Luigi", food, 42_00L), ("Groceries", "Market", food, 80_00L),
                ("Petrol", "Luigi", fuel, 50_00L),
            })
            {
                await postings.PostAsync(actor, new PostTransaction(book, day, description, payee,
                    [new PostingLine(account, cents), new PostingLine(cash, -cents)]));
            }
            return food;
        });
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Filters_set_on_the_page_are_in_the_address_and_a_reload_back_forward_or_the_copied_link_show_the_same_list()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, Email);
        await page.ClickAsync("[data-testid=nav-transactions]");
        var rows = page.Locator("[data-testid=transaction-row]");
        await Expect(rows).ToHaveCountAsync(4);

        await BrowserApp.ChooseAsync(page, "search-account", "Food");
        await Expect(rows).ToHaveCountAsync(3);
        await page.FillAsync("input[data-testid=search-payee]", "Luigi");
        await Expect(rows).ToHaveCountAsync(2);
        await page.FillAsync("input[data-testid=search-min-amount]", "20");
        await Expect(rows).ToHaveCountAsync(1);
        await page.FillAsync("input[data-testid=search-max-amount]", "50");
        await Expect(page).ToHaveURLAsync(new Regex($"[?&]account={food}(&|$)"));
        await Expect(page).ToHaveURLAsync(new Regex("[?&]payee=Luigi(&|$)"));
        await Expect(page).ToHaveURLAsync(new Regex("[?&]minAmount=20(&|$)"));
        await Expect(page).ToHaveURLAsync(new Regex("[?&]maxAmount=50(&|$)"));
        await ExpectDinnerOnlyAsync(page);
        var address = page.Url;

        await page.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(page);
        Assert.Equal(address, page.Url);
        await ExpectDinnerOnlyAsync(page);

        // Each filter was a step: back undoes the largest amount, then the smallest; forward brings them again.
        await page.GoBackAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("maxAmount="));
        await Expect(page.Locator("input[data-testid=search-max-amount]")).ToHaveValueAsync("");
        await Expect(rows).ToHaveCountAsync(1);
        await page.GoBackAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("minAmount="));
        await Expect(page.Locator("input[data-testid=search-min-amount]")).ToHaveValueAsync("");
        await Expect(page.Locator("input[data-testid=search-payee]")).ToHaveValueAsync("Luigi");
        await Expect(rows).ToHaveCountAsync(2);
        await page.GoForwardAsync();
        await page.GoForwardAsync();
        await Expect(page).ToHaveURLAsync(address);
        await ExpectDinnerOnlyAsync(page);

        var copied = await page.Context.NewPageAsync();
        await copied.GotoAsync(address);
        await BrowserApp.WaitInteractiveAsync(copied);
        await ExpectDinnerOnlyAsync(copied);
        await Expect(copied.Locator("[data-testid=ignored-filters]")).ToHaveCountAsync(0);
    }

    private static async Task ExpectDinnerOnlyAsync(IPage page)
    {
        var rows = page.Locator("[data-testid=transaction-row]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Dinner");
        await Expect(page.Locator("input[data-testid=search-payee]")).ToHaveValueAsync("Luigi");
        await Expect(page.Locator("input[data-testid=search-min-amount]")).ToHaveValueAsync("20");
        await Expect(page.Locator("input[data-testid=search-max-amount]")).ToHaveValueAsync("50");
        await Expect(page.Locator(".mud-select", new() { Has = page.Locator("[data-testid=search-account]") }).First).ToContainTextAsync("Food (USD)");
    }
}
