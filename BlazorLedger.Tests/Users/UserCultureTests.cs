using System.Net;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>The number and date format chosen per request by the real app: the saved choice, the browser's language, or invariant.</summary>
public sealed class UserCultureTests : AppHostTest
{
    private const string Email = "greta@example.com";
    private Actor greta = default!;
    private Guid book;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        greta = new Actor((await App.CreateUserAsync(Email, setUp: user => user.DisplayName = "Greta")).Id);
        book = await App.WithScopeAsync(async services =>
        {
            var bookId = (await services.GetRequiredService<BookService>().ListAsync(greta)).Single().Id;
            var accounts = services.GetRequiredService<AccountService>();
            var rent = (await accounts.CreateAsync(greta, new CreateAccount(bookId, "Rent", null, AccountType.Expense, "USD"))).Value!.Id;
            var bank = (await accounts.CreateAsync(greta, new CreateAccount(bookId, "Bank", null, AccountType.Asset, "USD"))).Value!.Id;
            Assert.True((await services.GetRequiredService<PostingService>().PostAsync(greta, new PostTransaction(bookId, new DateOnly(2026, 1, 31),
                "Rent", null, [new PostingLine(rent, 1_234_56), new PostingLine(bank, -1_234_56)]))).Succeeded);
            return bookId;
        });
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var browser = App.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await AppHost.SignInAsync(browser, Email, AppHost.UserPassword)).StatusCode);
        return browser;
    }

    private static async Task<string> PageAsync(HttpClient browser, string url, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()); // the page writes "·" and narrow spaces as entities
    }

    private static Task<HttpResponseMessage> SaveCultureAsync(HttpClient browser, string culture) =>
        AppHost.PostFormAsync(browser, "Account/Manage", "profile", new() { ["Input.DisplayName"] = "Greta", ["Input.Culture"] = culture });

    private async Task<string?> StoredCultureAsync() => (await App.FindUserAsync(Email))!.Culture;

    [Fact]
    public async Task Without_a_choice_or_a_browser_language_amounts_and_dates_are_invariant()
    {
        var browser = await SignedInAsync();

        var accounts = await PageAsync(browser, "accounts");
        var transactions = await PageAsync(browser, "transactions");

        Assert.Contains("1,234.56", accounts);
        Assert.Contains("USD 1,234.56", transactions);
        Assert.Contains("2026-01-31", transactions);
    }

    [Fact]
    public async Task Without_a_choice_the_browsers_language_decides()
    {
        var browser = await SignedInAsync();

        Assert.Contains("1.234,56", await PageAsync(browser, "accounts", "de-DE,de;q=0.9,en;q=0.8"));
        Assert.Contains("31.01.2026", await PageAsync(browser, "transactions", "de-LU"));
        Assert.Contains("1/31/2026", await PageAsync(browser, "transactions", "en-US"));
        Assert.Contains("USD 1,234.56", await PageAsync(browser, "transactions", "tlh"));
    }

    [Fact]
    public async Task A_saved_choice_outranks_the_browser_and_is_kept_with_the_user()
    {
        var browser = await SignedInAsync();
        Assert.Contains("Browser default (1.234,56 · 31.01.2026)", await PageAsync(browser, "Account/Manage", "de-DE"));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveCultureAsync(browser, "fr-FR")).StatusCode);

        Assert.Equal("fr-FR", await StoredCultureAsync());
        var transactions = await PageAsync(browser, "transactions", "en-US");
        Assert.Contains("USD 1\u202F234,56", transactions);
        Assert.Contains("31/01/2026", transactions);
        // A later session reads the choice from the user, not from this browser's cookie.
        Assert.Contains("1\u202F234,56", await PageAsync(await SignedInAsync(), "accounts", "de-DE"));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveCultureAsync(browser, "")).StatusCode);
        Assert.Null(await StoredCultureAsync());
        Assert.Contains("1.234,56", await PageAsync(browser, "accounts", "de-DE"));
    }

    [Fact]
    public async Task A_format_that_is_not_offered_is_refused_and_nothing_changes()
    {
        var browser = await SignedInAsync();

        var response = await SaveCultureAsync(browser, "hi-IN");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Choose one of the offered number formats", await PageAsync(browser, response.Headers.Location!.ToString()));
        Assert.Null(await StoredCultureAsync());
    }

    [Fact]
    public async Task The_api_stays_invariant_whatever_the_saved_choice_or_the_browser_language()
    {
        var browser = await SignedInAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SaveCultureAsync(browser, "de-DE")).StatusCode);
        using var api = App.NewApiClient(await App.CreateTokenAsync(greta, ApiScopes.Write));
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var accounts = await api.GetStringAsync($"api/v1/books/{book}/accounts");
        var ids = JsonDocument.Parse(accounts).RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        var german = await api.PostAsync($"api/v1/books/{book}/transactions", new StringContent(
            $$"""{"date":"2026-02-01","description":"x","postings":[{"accountId":"{{ids[0]}}","amount":"1.234,56"},{"accountId":"{{ids[1]}}","amount":-1234.56}]}""",
            Encoding.UTF8, "application/json"));

        Assert.Contains("\"balance\":\"1234.56\"", accounts);
        Assert.Equal(HttpStatusCode.BadRequest, german.StatusCode);
        Assert.Contains("in 1,234.56 style the comma only separates thousands; write 1,234.56.", await german.Content.ReadAsStringAsync());
    }
}
