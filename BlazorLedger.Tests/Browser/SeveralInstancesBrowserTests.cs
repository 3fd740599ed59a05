using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>Two instances of the app on one PostgreSQL database, with people's browsers on either, as behind a load balancer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeveralInstancesBrowserTests(SharedChromium chromium) : IAsyncLifetime, IOnPostgres
{
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Postgres);
    private AppHost a = default!;
    private AppHost b = default!;

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        a = browser.App;
        b = browser.AddInstance();
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    [DbFact]
    public async Task A_post_through_one_instance_appears_on_a_page_open_on_the_other_within_two_seconds()
    {
        await browser.CreateUserAsync("lee@example.com", "Lee");
        var lee = await a.ActorAsync("lee@example.com");
        var (book, food, cash) = await a.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(lee)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            return (book, (await accounts.CreateAsync(lee, new(book, "Food", null, AccountType.Expense, "USD"))).Value!.Id,
                (await accounts.CreateAsync(lee, new(book, "Cash", null, AccountType.Asset, "USD"))).Value!.Id);
        });
        var watching = await browser.NewPageAsync(b);
        await BrowserApp.SignInAsync(watching, "lee@example.com");
        await watching.GotoAsync($"accounts/{food}");
        await BrowserApp.WaitInteractiveAsync(watching);
        await Expect(watching.Locator("[data-testid=empty-register]")).ToBeVisibleAsync();
        var dashboard = await browser.NewPageAsync(b, 1400, 1000);
        await BrowserApp.SignInAsync(dashboard, AppHost.AdminEmail, AppHost.AdminPassword);
        await dashboard.ClickAsync("[data-testid=nav-admin]");
        await Expect(dashboard.Locator("[data-testid=figure-circuits-value]")).ToHaveTextAsync("2");
        await Expect(dashboard.Locator("[data-testid=figure-transactions-value]")).ToHaveTextAsync("0");

        // A tab on the other instance counts on this one's dashboard.
        var elsewhere = await browser.NewPageAsync(a);
        await BrowserApp.SignInAsync(elsewhere, "lee@example.com");
        await Expect(dashboard.Locator("[data-testid=figure-circuits-value]")).ToHaveTextAsync("3");

        using var api = a.NewApiClient(await a.CreateTokenAsync(lee, ApiScopes.Write));
        var clock = Stopwatch.StartNew();
        var posted = await api.PostAsJsonAsync($"api/v1/books/{book}/transactions", new
        {
            date = "2026-11-01", description = "Live lunch",
            postings = new[] { new { accountId = food, amount = "9.99" }, new { accountId = cash, amount = "-9.99" } },
        });

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        await Expect(watching.Locator("[data-testid=register-row]")).ToContainTextAsync("Live lunch", new() { Timeout = 2_000 });
        var shownAfter = clock.Elapsed;
        await Expect(watching.Locator("[data-testid=register-balance]")).ToContainTextAsync("9.99");
        await Expect(dashboard.Locator("[data-testid=figure-transactions-value]")).ToHaveTextAsync("1");
        await Expect(dashboard.Locator("[data-testid=feed-entry]").First).ToContainTextAsync("transaction.posted");
        Assert.True(shownAfter < TimeSpan.FromSeconds(2), $"shown on the other instance after {shownAfter}");
    }
}
