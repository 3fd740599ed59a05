using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>Amending and correcting a transaction in a real Chromium: the dialog, the form filled in, and the history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CorrectAndAmendBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private const string Email = "cora@example.com";
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);
    private Guid transactionId, dining;

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        await browser.CreateUserAsync(Email, "Cora");
        var actor = await browser.App.ActorAsync(Email);
        await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            async Task<Guid> AccountAsync(string name, AccountType type) =>
                (await accounts.CreateAsync(actor, new CreateAccount(book, name, null, type, "USD"))).Value!.Id;
            var cash = await AccountAsync("Cash", AccountType.Asset);
            var food = await AccountAsync("Food", AccountType.Expense);
            dining = await AccountAsync("Dining", AccountType.Expense);
            var posted = await s.GetRequiredService<PostingService>().PostAsync(actor, new PostTransaction(book, DateOnly.FromDateTime(DateTime.UtcNow),
                "Dinnr at Luigi's", "Luigi", [new PostingLine(food, 42_00, "pasta"), new PostingLine(cash, -42_00)], Tags: ["friends"]));
            transactionId = posted.Value!.Id;
            return 0;
        });
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task A_member_amends_the_text_then_corrects_the_amount_and_sees_one_history()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, Email);
        await page.GotoAsync($"transactions/{transactionId}");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=transaction-title]")).ToContainTextAsync("Dinnr");

        await page.ClickAsync("[data-testid=amend]");
        await Expect(page.Locator("[data-testid=amend-dialog]")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=amend-description]", "Dinner at Luigi's");
        await page.FillAsync("[data-testid=amend-tags]", "friends, birthday");
        await BrowserApp.ScreenshotAsync(page, "transaction-amend-dialog");
        await page.ClickAsync(".mud-dialog [data-testid=save]");
        await Expect(page.Locator("[data-testid=amend-dialog]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=transaction-title]")).ToContainTextAsync("Dinner at Luigi's");
        await Expect(page.Locator("[data-testid=history-change]").First).ToContainTextAsync("Dinnr at Luigi's");
        await Expect(page.Locator("[data-testid=transaction-tag]")).ToHaveCountAsync(2);

        await page.ClickAsync("[data-testid=correct]");
        // The form is another page: act only once it has replaced the transaction's page and filled itself in.
        await Expect(page).ToHaveURLAsync(new Regex($"/transactions/new\\?correct={transactionId}$"));
        await Expect(page.Locator("[data-testid=correcting-notice]")).ToBeVisibleAsync();
        await Expect(page.Locator("input[data-testid=description]")).ToHaveValueAsync("Dinner at Luigi's");
        await Expect(page.Locator("[data-testid=mode]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=split-line]")).ToHaveCountAsync(2);
        await BrowserApp.ChooseAsync(page, "line-account", "Dining", 0);
        await page.Locator("[data-testid=line-amount]").Nth(0).FillAsync("45");
        await page.Locator("[data-testid=line-amount]").Nth(1).FillAsync("-45");
        await Expect(page.Locator("[data-testid=remaining]")).ToContainTextAsync("Balanced");
        await page.ClickAsync("[data-testid=submit]");

        await Expect(page.Locator("[data-testid=correction-notice]")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/transactions/[0-9a-f-]{36}$"));
        Assert.DoesNotContain(transactionId.ToString(), page.Url);
        await Expect(page.Locator("[data-testid=posting-row]").First).ToContainTextAsync("Dining");
        await Expect(page.Locator("[data-testid=transaction-tag]")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "transaction-replacement");

        await page.ClickAsync("[data-testid=corrects-link]");
        await Expect(page).ToHaveURLAsync(new Regex($"/transactions/{transactionId}$"));
        await Expect(page.Locator("[data-testid=corrected-notice]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=history-item]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=correct]")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "transaction-history");
        Assert.Equal(45_00, await browser.App.WithDbAsync(db => Task.FromResult(db.Accounts.Single(a => a.Id == dining).Balance)));
    }
}
