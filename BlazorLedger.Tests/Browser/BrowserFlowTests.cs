using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>What people do, in a real Chromium against the running app over a live circuit, on either provider.</summary>
public abstract class BrowserFlowTests : IAsyncLifetime
{
    private readonly BrowserApp browser;

    protected BrowserFlowTests(SharedChromium chromium) =>
        browser = new BrowserApp(chromium, this is IOnPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [DbFact]
    public async Task The_admin_creates_a_member_who_signs_in_with_the_temporary_password()
    {
        var admin = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(admin, AppHost.AdminEmail, AppHost.AdminPassword);
        await admin.ClickAsync("[data-testid=nav-users]");
        await admin.FillAsync("[data-testid=new-user-name]", "Maria Member");
        await admin.FillAsync("[data-testid=new-user-email]", "maria@example.com");
        await admin.ClickAsync("[data-testid=create-user]");
        var password = (await admin.Locator("[data-testid=created-user] code").TextContentAsync())!.Trim();
        await Expect(admin.Locator("[data-testid=users-grid]")).ToContainTextAsync("maria@example.com");
        // The whole row fits a laptop screen: its actions are not scrolled off to the right.
        await Expect(admin.Locator("[data-testid=user-actions]").Last).ToBeInViewportAsync(new() { Ratio = 1 });
        await BrowserApp.ScreenshotAsync(admin, "admin-users");

        await admin.ClickAsync("[data-testid=signed-in-user] button");
        await admin.ClickAsync("[data-testid=sign-out]");
        await Expect(admin).ToHaveURLAsync(new Regex("/Account/Login"));
        await admin.GotoAsync("Account/Login");
        await admin.FillAsync("#Input\\.Email", "maria@example.com");
        await admin.FillAsync("#Input\\.Password", password);
        await admin.ClickAsync("[data-testid=sign-in]");

        // The temporary password has to be replaced first.
        await Expect(admin).ToHaveURLAsync(new Regex("/Account/Manage/ChangePassword"));
        await Expect(admin.Locator("[data-testid=temporary-password]")).ToBeVisibleAsync();
        await admin.FillAsync("#Input\\.OldPassword", password);
        await admin.FillAsync("#Input\\.NewPassword", "Marias-Own-Pass-1");
        await admin.FillAsync("#Input\\.ConfirmPassword", "Marias-Own-Pass-1");
        await admin.ClickAsync("button[type=submit]");
        await Expect(admin.Locator("[data-testid=temporary-password]")).ToHaveCountAsync(0);
        await admin.ClickAsync("[data-testid=back-to-app]");
        await BrowserApp.WaitInteractiveAsync(admin);

        await Expect(admin.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("Maria Member");
        await Expect(admin.Locator("[data-testid=empty-accounts]")).ToBeVisibleAsync();
    }

    [DbFact]
    public async Task A_member_keeps_books_posts_simple_and_split_voids_and_finds_it_again()
    {
        await browser.CreateUserAsync("mo@example.com", "Mo");
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "mo@example.com");

        foreach (var (name, type) in new[] { ("Wallet", "Asset"), ("Bank", "Asset"), ("Food", "Expense") })
        {
            await page.ClickAsync("[data-testid=new-account]");
            await page.FillAsync("[data-testid=account-name]", name);
            if (type != "Asset")
            {
                await BrowserApp.ChooseAsync(page, "account-type", type);
            }
            await page.ClickAsync("[data-testid=save]");
            await Expect(page.Locator("[data-testid=account-dialog]")).ToHaveCountAsync(0);
        }
        await Expect(page.Locator("[data-testid=account-row]")).ToHaveCountAsync(3);

        await page.ClickAsync("[data-testid=nav-new-transaction]");
        await page.FillAsync("[data-testid=description]", "Lunch");
        await BrowserApp.ChooseAsync(page, "from-account", "Wallet");
        await BrowserApp.ChooseAsync(page, "to-account", "Food");
        await page.FillAsync("[data-testid=amount]", "12.50");
        await Expect(page.Locator("[data-testid=submit]")).ToBeEnabledAsync();
        await BrowserApp.ScreenshotAsync(page, "new-transaction");
        await page.ClickAsync("[data-testid=submit]");
        await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Posted #1" })).ToBeVisibleAsync();

        await page.ClickAsync(".mud-toggle-item:has-text('Split')");
        await page.FillAsync("[data-testid=description]", "Market");
        await BrowserApp.ChooseAsync(page, "line-account", "Food", 0);
        await BrowserApp.ChooseAsync(page, "line-account", "Bank", 1);
        await page.Locator("[data-testid=line-amount]").Nth(0).FillAsync("30");
        await page.Locator("[data-testid=line-amount]").Nth(1).FillAsync("-20");
        await Expect(page.Locator("[data-testid=submit]")).ToBeDisabledAsync();
        await page.ClickAsync("[data-testid=add-line]");
        await BrowserApp.ChooseAsync(page, "line-account", "Wallet", 2);
        await page.Locator("[data-testid=line-amount]").Nth(2).FillAsync("-10");
        await Expect(page.Locator("[data-testid=remaining]")).ToContainTextAsync("Balanced");
        await page.ClickAsync("[data-testid=submit]");
        await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Posted #2" })).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=nav-accounts]");
        await Expect(page.Locator("[data-testid=account-row]", new() { HasTextString = "Food" })).ToContainTextAsync("42.50");
        await Expect(page.Locator("[data-testid=account-row]", new() { HasTextString = "Wallet" })).ToContainTextAsync("-22.50");
        await BrowserApp.ScreenshotAsync(page, "accounts");

        await page.ClickAsync("[data-testid=account-link]:has-text('Food')");
        await Expect(page.Locator("[data-testid=register-row]")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "register");
        await page.ClickAsync("[data-testid=register-description]:has-text('Lunch')");
        // The register's rows have Void buttons of their own: act only once the transaction's page has replaced it.
        await Expect(page).ToHaveURLAsync(new Regex("/transactions/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=transaction-title]")).ToContainTextAsync("Lunch");
        await Expect(page.Locator("[data-testid=register-row]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=void]");
        await page.ClickAsync(".mud-dialog button:has-text('Void')");
        await Expect(page.Locator("[data-testid=voided-notice]")).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=nav-transactions]");
        var rows = page.Locator("[data-testid=transaction-row]");
        // As a person would: the list is there (the lunch, its reversal and the split) before the search narrows it.
        await Expect(rows).ToHaveCountAsync(3);
        await page.FillAsync("[data-testid=search-text]", "Lunch");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasTextString = "voided" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasTextString = "reversal" })).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "transactions");
    }

    [DbFact]
    public async Task A_book_shared_with_a_viewer_shows_no_post_button()
    {
        await browser.CreateUserAsync("olga@example.com", "Olga Owner");
        await browser.CreateUserAsync("vic@example.com", "Vic Viewer");
        var owner = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(owner, "olga@example.com");
        await owner.ClickAsync("[data-testid=nav-members]");
        await owner.FillAsync("[data-testid=invite-email]", "vic@example.com");
        await owner.ClickAsync("[data-testid=invite]");
        var link = (await owner.Locator("[data-testid=invite-link] code").TextContentAsync())!.Trim();

        var viewer = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(viewer, "vic@example.com");
        await viewer.GotoAsync(link);
        await BrowserApp.WaitInteractiveAsync(viewer);
        await viewer.ClickAsync("[data-testid=accept]");
        await Expect(viewer.Locator("[data-testid=invitation-message]")).ToContainTextAsync("Welcome");
        await viewer.ClickAsync("[data-testid=open-book]");

        await Expect(viewer.Locator("[data-testid=book-switcher]")).ToContainTextAsync("Olga Owner's book", new() { IgnoreCase = true });
        await viewer.ClickAsync("[data-testid=nav-transactions]");
        await Expect(viewer.Locator("h1")).ToHaveTextAsync("Transactions");
        await Expect(viewer.Locator("[data-testid=new-transaction]")).ToHaveCountAsync(0);
        await Expect(viewer.Locator("[data-testid=new-account]")).ToHaveCountAsync(0);
    }

    [DbFact]
    public async Task A_post_in_one_browser_appears_in_the_others_register_and_on_the_admin_dashboard_without_a_reload()
    {
        await browser.CreateUserAsync("lee@example.com", "Lee");
        var actor = await browser.App.ActorAsync("lee@example.com");
        var (food, cash) = await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            return ((await accounts.CreateAsync(actor, new(book, "Food", null, AccountType.Expense, "USD"))).Value!.Id,
                (await accounts.CreateAsync(actor, new(book, "Cash", null, AccountType.Asset, "USD"))).Value!.Id);
        });
        var watching = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(watching, "lee@example.com");
        await watching.GotoAsync($"accounts/{food}");
        await BrowserApp.WaitInteractiveAsync(watching);
        await Expect(watching.Locator("[data-testid=empty-register]")).ToBeVisibleAsync();
        var dashboard = await browser.NewPageAsync(1400, 1000);
        await BrowserApp.SignInAsync(dashboard, AppHost.AdminEmail, AppHost.AdminPassword);
        await dashboard.ClickAsync("[data-testid=nav-admin]");
        await Expect(dashboard.Locator("[data-testid=figure-transactions-value]")).ToHaveTextAsync("0");
        await Expect(dashboard.Locator("[data-testid=figure-circuits-value]")).ToHaveTextAsync("2");

        var posting = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(posting, "lee@example.com");
        await posting.ClickAsync("[data-testid=nav-new-transaction]");
        await posting.FillAsync("[data-testid=description]", "Live lunch");
        await BrowserApp.ChooseAsync(posting, "from-account", "Cash");
        await BrowserApp.ChooseAsync(posting, "to-account", "Food");
        await posting.FillAsync("[data-testid=amount]", "9.99");
        await posting.ClickAsync("[data-testid=submit]");

        await Expect(watching.Locator("[data-testid=register-row]")).ToContainTextAsync("Live lunch");
        await Expect(watching.Locator("[data-testid=register-balance]")).ToContainTextAsync("9.99");
        await Expect(dashboard.Locator("[data-testid=figure-transactions-value]")).ToHaveTextAsync("1");
        await Expect(dashboard.Locator("[data-testid=figure-circuits-value]")).ToHaveTextAsync("3");
        await Expect(dashboard.Locator("[data-testid=feed-entry]").First).ToContainTextAsync("transaction.posted");
        await BrowserApp.ScreenshotAsync(dashboard, "admin-dashboard");
        Assert.Equal(-9_99, await browser.App.WithScopeAsync(async s =>
            (await s.GetRequiredService<AccountService>().GetAsync(actor, (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id, cash)).Value!.Balance));
    }

    [DbFact]
    public async Task Anonymous_visits_go_to_sign_in_and_five_wrong_passwords_lock_the_account()
    {
        await browser.CreateUserAsync("lou@example.com", "Lou");
        var page = await browser.NewPageAsync();

        foreach (var path in new[] { "", "transactions", "accounts", "admin", "tokens", "book/members" })
        {
            await page.GotoAsync(path);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        }
        await BrowserApp.ScreenshotAsync(page, "sign-in");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GotoAsync("Account/Login");
            await page.FillAsync("#Input\\.Email", "lou@example.com");
            await page.FillAsync("#Input\\.Password", "wrong-password");
            await page.ClickAsync("[data-testid=sign-in]");
            if (attempt < 5)
            {
                await Expect(page.GetByText("Invalid login attempt")).ToBeVisibleAsync();
            }
        }

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Lockout"));
        await BrowserApp.SignInAsyncExpectingLockout(page, "lou@example.com");
    }

    [DbFact]
    public async Task The_outbox_shows_a_hostile_message_as_the_recipient_would_see_it_without_running_any_of_it()
    {
        await browser.App.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                CreatedAt = DateTime.UtcNow, To = "eve@example.com", Subject = "Hello <b>admin</b>",
                HtmlBody = "<p>Read me</p><script>top.pwned = 1; window.pwned = 1</script><img src=x onerror=\"top.pwned = 2; window.pwned = 2\">",
            });
            return await db.SaveChangesAsync();
        });
        var admin = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(admin, AppHost.AdminEmail, AppHost.AdminPassword);

        await admin.ClickAsync("[data-testid=nav-outbox]");

        var message = admin.Locator("[data-testid=outbox-message]", new() { HasTextString = "eve@example.com" });
        await Expect(message).ToContainTextAsync("Hello <b>admin</b>");
        await Expect(admin.Locator("[data-testid=outbox-body]").First.ContentFrame.Locator("p")).ToHaveTextAsync("Read me");
        Assert.Null(await admin.EvaluateAsync<int?>("() => window.pwned ?? null"));
        foreach (var frame in admin.Frames)
        {
            Assert.Null(await frame.EvaluateAsync<int?>("() => window.pwned ?? null"));
        }
        await BrowserApp.ScreenshotAsync(admin, "outbox");
    }

    [DbFact]
    public async Task The_api_reference_renders_under_the_security_policy()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("api/docs");

        await Expect(page.GetByText("BlazorLedger API").First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/v1/books").First).ToBeAttachedAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class BrowserFlowTestsOnSqlite(SharedChromium chromium) : BrowserFlowTests(chromium);

[Collection(BrowserCollection.Name)]
public sealed class BrowserFlowTestsOnPostgres(SharedChromium chromium) : BrowserFlowTests(chromium), IOnPostgres;
