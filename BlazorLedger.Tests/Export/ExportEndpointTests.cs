using System.Net;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Export;

/// <summary>The downloads over HTTP: the API with a read token, and the pages' links with the browser's cookie.</summary>
public sealed class ExportEndpointTests : AppHostTest
{
    private const string Alice = "alice@example.com";
    private Guid book;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync(Alice);
        var actor = new Actor(user.Id);
        book = await App.WithDbAsync(db => Task.FromResult(db.BookMembers.Single(m => m.UserId == user.Id).BookId));
        await App.WithScopeAsync(async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var cash = (await accounts.CreateAsync(actor, new CreateAccount(book, "Cash", null, AccountType.Asset, "EUR"))).Value!.Id;
            var food = (await accounts.CreateAsync(actor, new CreateAccount(book, "Food", null, AccountType.Expense, "EUR"))).Value!.Id;
            var postings = services.GetRequiredService<PostingService>();
            foreach (var (day, description) in new[] { (2, "Bakery"), (3, "Market") })
            {
                await postings.PostAsync(actor, new PostTransaction(book, new DateOnly(2026, 3, day), description, null,
                    [new PostingLine(food, 3_50), new PostingLine(cash, -3_50)]));
            }
            return 0;
        });
    }

    [Fact]
    public async Task The_API_streams_each_format_to_a_read_token_as_a_download()
    {
        using var api = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Read));

        var journal = await api.GetAsync($"api/v1/books/{book}/export?format=hledger");
        var beancount = await api.GetAsync($"api/v1/books/{book}/export?format=beancount");
        var csv = await api.GetAsync($"api/v1/books/{book}/export?format=csv&q=market");

        Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
        Assert.Equal("attachment", journal.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".journal", journal.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("2026-03-03 (2) Market\n    Expenses:Food  3.50 EUR\n    Assets:Cash  -3.50 EUR", await journal.Content.ReadAsStringAsync());
        Assert.Contains("open Expenses:Food EUR", await beancount.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Bad_formats_and_filters_are_400_and_another_users_book_is_404()
    {
        using var api = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Read));
        var bob = await App.CreateUserAsync("bob@example.com");
        using var other = App.NewApiClient(await App.CreateTokenAsync(new Actor(bob.Id), ApiScopes.Read));

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"api/v1/books/{book}/export?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"api/v1/books/{book}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"api/v1/books/{book}/export?format=csv&from=03/02/2026")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"api/v1/books/{book}/export?format=csv&amount=1.2.3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"api/v1/books/{book}/export?format=hledger")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"api/v1/books/{book}/export?format=csv")).StatusCode);
    }

    [Fact]
    public async Task The_pages_download_link_works_with_the_browsers_cookie_and_not_without_it()
    {
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, Alice, AppHost.UserPassword);
        using var anonymous = App.NewBrowser();

        var beancount = await browser.GetAsync($"books/{book}/export?format=beancount");
        // The page passes the reader's number format with an amount filter: "3,50" in German.
        var csv = await browser.GetAsync($"books/{book}/export?format=csv&amount=3,50&culture=de-DE&sort=OldestFirst");
        var refused = await anonymous.GetAsync($"books/{book}/export?format=beancount");

        Assert.Equal(HttpStatusCode.OK, beancount.StatusCode);
        Assert.Contains("2026-03-02 * \"Bakery\"", await beancount.Content.ReadAsStringAsync());
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("1,2026-03-02,Bakery", lines[1]);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.ToString());
    }
}
