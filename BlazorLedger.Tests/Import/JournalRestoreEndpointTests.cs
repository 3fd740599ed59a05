using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

/// <summary><c>POST /api/v1/books/restore?name=...</c> on a real Kestrel port: a book's export in, a new book out.</summary>
public sealed class JournalRestoreEndpointTests : AppHostTest
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
            var cash = (await accounts.CreateAsync(actor, new CreateAccount(book, "Cash: wallet", "100", AccountType.Asset, "EUR"))).Value!.Id;
            var food = (await accounts.CreateAsync(actor, new CreateAccount(book, "Food", null, AccountType.Expense, "EUR"))).Value!.Id;
            var postings = services.GetRequiredService<PostingService>();
            foreach (var (day, description) in new[] { (2, "Bakery; rolls"), (3, "Market | stall 4") })
            {
                await postings.PostAsync(actor, new PostTransaction(book, new DateOnly(2026, 3, day), description, null,
                    [new PostingLine(food, 3_50, "memo: 1"), new PostingLine(cash, -3_50)]));
            }
            return 0;
        });
    }

    private static async Task<string> ExportAsync(HttpClient api, Guid bookId) =>
        await (await api.GetAsync($"api/v1/books/{bookId}/export?format=hledger")).Content.ReadAsStringAsync();

    [Fact]
    public async Task A_write_token_restores_an_export_into_a_new_book_and_gets_201_with_it()
    {
        using var api = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Write));
        var journal = await ExportAsync(api, book);

        var response = await api.PostAsync("api/v1/books/restore?name=" + Uri.EscapeDataString("März: restored"),
            new StringContent(journal, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(("März: restored", "USD", "owner"),
            (created.GetProperty("name").GetString(), created.GetProperty("baseCurrency").GetString(), created.GetProperty("role").GetString()));
        Assert.Equal($"/api/v1/books/{id}/accounts", response.Headers.Location!.OriginalString);
        var again = await ExportAsync(api, id);
        Assert.Equal(journal[journal.IndexOf('\n')..], again[again.IndexOf('\n')..]);
        var books = await api.GetFromJsonAsync<JsonElement>("api/v1/books");
        Assert.Equal(2, books.GetArrayLength());
    }

    [Fact]
    public async Task A_bad_journal_is_400_with_its_lines_a_missing_name_400_and_a_read_token_403_and_nothing_is_created()
    {
        using var writer = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Write));
        using var reader = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Read));
        var journal = await ExportAsync(reader, book);
        var before = await App.WithDbAsync(db => db.Books.CountAsync());

        var unbalanced = await writer.PostAsync("api/v1/books/restore?name=Copy",
            new StringContent(journal.Replace("Assets:Cash- wallet  -3.50 EUR", "Assets:Cash- wallet  -3.40 EUR"), Encoding.UTF8, "text/plain"));
        var unnamed = await writer.PostAsync("api/v1/books/restore", new StringContent(journal, Encoding.UTF8, "text/plain"));
        var readOnly = await reader.PostAsync("api/v1/books/restore?name=Copy", new StringContent(journal, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, unbalanced.StatusCode);
        var errors = (await unbalanced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("journal");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.All(errors.EnumerateArray(), e => Assert.Matches("^Line [0-9]+: The postings in EUR do not balance", e.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(before, await App.WithDbAsync(db => db.Books.CountAsync()));
    }
}
