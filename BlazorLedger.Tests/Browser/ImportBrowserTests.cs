using System.Text;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>A bank statement imported, imported again (nothing new), and undone, in a real Chromium over a live circuit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);

    private static readonly FilePayload Statement = new()
    {
        Name = "checking-2026-11.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes("""
            Posting date,Description,Payee,Amount
            2026-11-02,Card payment,Green Market,-54.20
            2026-11-03,Card payment,Blue Bottle Coffee,-4.50
            2026-11-03,Card payment,Blue Bottle Coffee,-4.50
            2026-11-31,Card payment,Metro Transit,-2.75
            2026-11-09,Card payment,Green Market,-61.35
            """),
    };

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task A_statement_is_imported_once_imported_again_without_effect_and_undone()
    {
        var userId = await browser.CreateUserAsync("ina@example.com", "Ina");
        var (checking, groceries) = await browser.App.WithScopeAsync(async services =>
        {
            var actor = new BlazorLedger.Common.Actor(userId);
            var book = (await services.GetRequiredService<BookService>().ListAsync(actor)).Single();
            var accounts = services.GetRequiredService<AccountService>();
            var a = await accounts.CreateAsync(actor, new CreateAccount(book.Id, "Checking", "1010", AccountType.Asset, "USD"));
            var b = await accounts.CreateAsync(actor, new CreateAccount(book.Id, "Groceries", "5020", AccountType.Expense, "USD"));
            return (a.Value!.Id, b.Value!.Id);
        });
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "ina@example.com");

        await page.ClickAsync("[data-testid=nav-import]");
        await Expect(page.Locator("[data-testid=step-file]")).ToBeVisibleAsync();
        await BrowserApp.ChooseAsync(page, "statement-account", "Checking");
        await page.Locator("[data-testid=step-file] input[type=file]").SetInputFilesAsync(Statement);
        await Expect(page.Locator("[data-testid=chosen-file]")).ToContainTextAsync("checking-2026-11.csv");
        await page.ClickAsync("[data-testid=read-file]");
        await Expect(page.Locator("[data-testid=mapping-source]")).ToContainTextAsync("Filled in from the file's headings");
        await page.ClickAsync("[data-testid=preview-rows]");
        await Expect(page.Locator("[data-testid=count-new]")).ToContainTextAsync("4 new");
        await Expect(page.Locator("[data-testid=row-error]")).ToContainTextAsync("\"2026-11-31\" is not a date");
        await Expect(page.Locator("[data-testid=import]")).ToBeDisabledAsync();
        await BrowserApp.ChooseAsync(page, "bulk-account", "Groceries");
        await page.ClickAsync("[data-testid=bulk-apply]");
        await Expect(page.Locator("[data-testid=import]")).ToBeEnabledAsync();
        await Expect(page.Locator("[data-testid=choices-problem]")).ToHaveCountAsync(0);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserApp.ScreenshotAsync(page, "import-preview");

        await page.ClickAsync("[data-testid=import]");
        await Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync("4 transactions imported, 0 already imported.");
        await Expect(page.Locator("[data-testid=import-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=import-count]")).ToHaveTextAsync("4");

        // The same file again: every row recognised, nothing to import.
        await page.ClickAsync("[data-testid=import-another]");
        await Expect(page.Locator("[data-testid=step-file]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=step-file] input[type=file]").SetInputFilesAsync(Statement);
        await Expect(page.Locator("[data-testid=chosen-file]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=read-file]");
        await Expect(page.Locator("[data-testid=mapping-source]")).ToContainTextAsync("as for this account's last import");
        await page.ClickAsync("[data-testid=preview-rows]");
        await Expect(page.Locator("[data-testid=nothing-new]")).ToContainTextAsync("Nothing new");
        await Expect(page.Locator("[data-testid=count-duplicate]")).ToContainTextAsync("4 already imported");
        await Expect(page.Locator("[data-testid=import]")).ToHaveCountAsync(0);
        Assert.Equal(4, await browser.App.WithDbAsync(db => db.Transactions.CountAsync()));

        // Undone: each transaction voided, and the open preview sees the rows as new again.
        await page.ClickAsync("[data-testid=undo-import]");
        await page.ClickAsync(".mud-dialog button:has-text('Undo import')");
        await Expect(page.Locator("[data-testid=undone]")).ToContainTextAsync("Undone by Ina");
        await Expect(page.Locator("[data-testid=count-new]")).ToContainTextAsync("4 new");
        Assert.Equal(8, await browser.App.WithDbAsync(db => db.Transactions.CountAsync()));
        Assert.Equal([0L, 0L], await browser.App.WithDbAsync(db =>
            db.Accounts.Where(a => a.Id == checking || a.Id == groceries).Select(a => a.Balance).ToListAsync()));
    }
}
