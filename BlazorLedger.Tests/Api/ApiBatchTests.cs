using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Import;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

/// <summary>POST /api/v1/books/{id}/transactions/batch on a real Kestrel port: all or nothing, item by item answers.</summary>
public sealed class ApiBatchTests : AppHostTest
{
    private HttpClient alice = default!;
    private Guid book;
    private Guid cash, food, rent;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        alice = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write));
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        cash = await CreateAccountAsync("Cash", "Asset");
        food = await CreateAccountAsync("Food", "Expense");
        rent = await CreateAccountAsync("Rent", "Expense");
    }

    public override async Task DisposeAsync()
    {
        alice.Dispose();
        await base.DisposeAsync();
    }

    private async Task<Guid> CreateAccountAsync(string name, string type)
    {
        var response = await alice.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name, type, currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private string Item(string key, string amount, string description = "Lunch", Guid? account = null) =>
        $$"""{"idempotencyKey":"{{key}}","date":"2026-11-01","description":"{{description}}","payee":"Deli","postings":[{"accountId":"{{account ?? food}}","amount":"{{amount}}"},{"accountId":"{{cash}}","amount":"-{{amount}}"}]}""";

    private Task<HttpResponseMessage> PostAsync(string body, HttpClient? client = null) =>
        (client ?? alice).PostAsync($"api/v1/books/{book}/transactions/batch", new StringContent(body, Encoding.UTF8, "application/json"));

    private static string Batch(params string[] items) => $$"""{"transactions":[{{string.Join(',', items)}}]}""";

    private Task<int> TransactionCountAsync() => App.WithDbAsync(db => db.Transactions.CountAsync());

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task A_batch_posts_every_transaction_and_answers_each_in_order_and_a_retry_posts_nothing_twice()
    {
        var body = Batch(Item("b-1", "10.00"), Item("b-2", "2.50", "Coffee"), Item("b-3", "700", "Rent", rent));

        var response = await PostAsync(body);
        var retry = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["b-1", "b-2", "b-3"], results.Select(r => r.GetProperty("idempotencyKey").GetString()));
        Assert.All(results, r => Assert.Equal(201, r.GetProperty("status").GetInt32()));
        Assert.Equal([1L, 2L, 3L], results.Select(r => r.GetProperty("transaction").GetProperty("number").GetInt64()));
        Assert.Equal("Coffee", results[1].GetProperty("transaction").GetProperty("description").GetString());
        Assert.Equal(3, await TransactionCountAsync());

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var replayed = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.All(replayed, r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        Assert.Equal(results.Select(r => r.GetProperty("transaction").GetProperty("id").GetGuid()),
            replayed.Select(r => r.GetProperty("transaction").GetProperty("id").GetGuid()));
        Assert.Equal(3, await TransactionCountAsync());
        Assert.Equal(-712_50, await App.WithDbAsync(db => db.Accounts.Where(a => a.Id == cash).Select(a => a.Balance).SingleAsync()));
    }

    [Fact]
    public async Task Any_invalid_item_refuses_the_batch_with_errors_keyed_by_item_and_writes_nothing()
    {
        var unbalanced = $$"""{"idempotencyKey":"u","date":"2026-11-01","description":"Off","postings":[{"accountId":"{{food}}","amount":"5.00"},{"accountId":"{{cash}}","amount":"-4.99"}]}""";

        var shape = await ErrorsAsync(await PostAsync(Batch(Item("ok", "1.00"), Item("bad", "1.234"), """{"date":"2026-13-01"}""", "42")));
        var ledger = await ErrorsAsync(await PostAsync(Batch(Item("ok", "1.00"), unbalanced)));

        Assert.True(shape.TryGetProperty("transactions[1].postings[0].amount", out _), shape.ToString());
        Assert.True(shape.TryGetProperty("transactions[2].idempotencyKey", out _), shape.ToString());
        Assert.True(shape.TryGetProperty("transactions[2].date", out _), shape.ToString());
        Assert.True(shape.TryGetProperty("transactions[3]", out _), shape.ToString());
        Assert.True(ledger.TryGetProperty("transactions[1].postings", out var balance), ledger.ToString());
        Assert.Contains("do not balance", balance[0].GetString());
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"transactions":[]}""")]
    [InlineData("""{"transactions":{"a":1}}""")]
    [InlineData("""[]""")]
    public async Task A_body_without_one_to_a_thousand_transactions_is_refused(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Fact]
    public async Task A_thousand_transactions_are_taken_and_a_thousand_and_one_refused()
    {
        var items = Enumerable.Range(1, ApiPostBatch.MaxTransactions + 1).Select(i => Item($"k{i}", "1.00")).ToArray();

        var tooMany = await PostAsync(Batch(items));
        var thousand = await PostAsync(Batch(items[..^1]));

        Assert.True((await ErrorsAsync(tooMany)).TryGetProperty("transactions", out _));
        Assert.Equal(HttpStatusCode.OK, thousand.StatusCode);
        Assert.Equal(1_000, await TransactionCountAsync());
    }

    [Fact]
    public async Task A_key_already_used_for_another_transaction_is_a_conflict_naming_it()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Batch(Item("rent-nov", "700")))).StatusCode);

        var response = await PostAsync(Batch(Item("new", "1.00"), Item("rent-nov", "750")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("rent-nov", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(1, await TransactionCountAsync());
    }

    [Fact]
    public async Task A_posting_without_an_account_takes_it_and_the_payee_from_the_books_rules()
    {
        var actor = await App.ActorAsync("alice@example.com");
        await App.WithScopeAsync(services => services.GetRequiredService<ImportRuleService>()
            .CreateAsync(actor, new CreateImportRule(book, "landlord", false, rent, "Landlord Ltd")));
        var ruled = $$"""{"idempotencyKey":"r1","date":"2026-11-01","description":"Transfer to LANDLORD","postings":[{"amount":"700"},{"accountId":"{{cash}}","amount":"-700"}]}""";
        var unmatched = $$"""{"idempotencyKey":"r2","date":"2026-11-01","description":"Mystery","postings":[{"amount":"1"},{"accountId":"{{cash}}","amount":"-1"}]}""";
        // A mistyped id is not "no account": the rule that would match must not take its place.
        var mistyped = $$"""{"idempotencyKey":"r3","date":"2026-11-01","description":"Transfer to LANDLORD","postings":[{"accountId":"{{rent}}x","amount":"700"},{"accountId":"{{cash}}","amount":"-700"}]}""";

        var response = await PostAsync(Batch(ruled));
        var refused = await PostAsync(Batch(unmatched));
        var wrongId = await PostAsync(Batch(mistyped));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var transaction = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("transaction");
        Assert.Equal("Landlord Ltd", transaction.GetProperty("payee").GetString());
        Assert.Equal(rent, transaction.GetProperty("postings")[0].GetProperty("accountId").GetGuid());
        Assert.Equal("Give the account's id: no import rule of the book matches this transaction.",
            (await ErrorsAsync(refused)).GetProperty("transactions[0].postings[0].accountId")[0].GetString());
        Assert.Equal(ApiId.NotAnId, (await ErrorsAsync(wrongId)).GetProperty("transactions[0].postings[0].accountId")[0].GetString());
        Assert.Equal(1, await TransactionCountAsync());
    }

    [Fact]
    public async Task Read_tokens_viewers_and_outsiders_cannot_post_a_batch()
    {
        var reader = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync("alice@example.com"), ApiScopes.Read));
        var viewerUser = await App.CreateUserAsync("vera@example.com");
        await App.WithDbAsync(async db =>
        {
            db.BookMembers.Add(new BookMember { BookId = book, UserId = viewerUser.Id, Role = BookRole.Viewer, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var viewer = App.NewApiClient(await App.CreateTokenAsync(new Actor(viewerUser.Id), ApiScopes.Write));
        var outsider = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.CreateUserAsync("olga@example.com")).Id), ApiScopes.Write));

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Batch(Item("a", "1")), reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Batch(Item("a", "1")), viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Batch(Item("a", "1")), outsider)).StatusCode);
        Assert.Equal(0, await TransactionCountAsync());
    }
}
