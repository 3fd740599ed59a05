using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Common;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Api;

/// <summary>The HTTP API on a real Kestrel port, driven with personal access tokens as a script would.</summary>
public sealed class ApiTests : AppHostTest
{
    private HttpClient alice = default!;
    private Guid book;
    private Guid cash, food;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        alice = await ClientAsync("alice@example.com", ApiScopes.Write);
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        cash = await CreateAccountAsync("Cash", "Asset", "USD");
        food = await CreateAccountAsync("Food", "Expense", "USD");
    }

    public override async Task DisposeAsync()
    {
        alice.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A token of the user with this address, who is created on first use.</summary>
    private async Task<string> TokenAsync(string email, string scope, int? days = 30)
    {
        var user = await App.FindUserAsync(email) ?? await App.CreateUserAsync(email);
        return await App.CreateTokenAsync(new Actor(user.Id), scope, days);
    }

    private async Task<HttpClient> ClientAsync(string email, string scope) => App.NewApiClient(await TokenAsync(email, scope));

    private async Task<Guid> CreateAccountAsync(string name, string type, string currency)
    {
        var response = await alice.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name, type, currency });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private HttpRequestMessage Post(string body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/books/{book}/transactions") { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return request;
    }

    private string Transfer(string amount, string description = "Lunch", string date = "2026-11-01") =>
        $$"""{"date":"{{date}}","description":"{{description}}","postings":[{"accountId":"{{food}}","amount":{{amount}}},{"accountId":"{{cash}}","amount":"-{{amount.Trim('"')}}"}]}""";

    private Task<int> TransactionCountAsync() => App.WithDbAsync(db => db.Transactions.CountAsync());

    [Fact]
    public async Task Every_amount_string_in_the_table_is_read_exactly_or_refused_with_how_it_was_read()
    {
        var pairs = new Dictionary<string, (Guid Debit, Guid Credit)> { ["USD"] = (food, cash) };
        foreach (var currency in AmountCases.Invariant.Select(c => c.Currency).Distinct().Where(c => c != "USD"))
        {
            pairs[currency] = (await CreateAccountAsync($"Spend {currency}", "Expense", currency), await CreateAccountAsync($"Hold {currency}", "Asset", currency));
        }
        var wrong = new List<string>();

        foreach (var amount in AmountCases.Invariant)
        {
            var (debit, credit) = pairs[amount.Currency];
            // The balancing line is a JSON number, so that only the string under test is read as text.
            var balance = -(amount.Minor ?? 1) / (decimal)Math.Pow(10, Currencies.MinorDigits(amount.Currency));
            var body = JsonSerializer.Serialize(new
            {
                date = "2026-11-01", description = "Table",
                postings = new object[] { new { accountId = debit, amount = amount.Text }, new { accountId = credit, amount = balance } },
            });
            var response = await alice.SendAsync(Post(body));
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var error = json.TryGetProperty("errors", out var errors) && errors.TryGetProperty("postings[0].amount", out var messages)
                ? messages[0].GetString()
                : null;

            var right = amount.Minor switch
            {
                0 => error == "An amount cannot be zero.", // read as zero; the ledger then refuses an empty line
                { } minor => response.StatusCode == HttpStatusCode.Created
                    && json.GetProperty("postings")[0].GetProperty("amountMinor").GetInt64() == minor,
                null => response.StatusCode == HttpStatusCode.BadRequest && error is not null && error.Contains(amount.Refusal!),
            };
            if (!right)
            {
                wrong.Add($"{amount}: {(int)response.StatusCode} {error ?? json.ToString()}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(AmountCases.Invariant.Length >= 60);
    }

    [Fact]
    public async Task Accounts_are_created_read_and_listed_with_decimal_and_minor_balances()
    {
        await alice.SendAsync(Post(Transfer("\"12.30\"")));

        var list = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts");
        var one = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{food}");

        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal("12.30", one.GetProperty("balance").GetString());
        Assert.Equal(1230, one.GetProperty("balanceMinor").GetInt64());
        Assert.Equal("Expense", one.GetProperty("type").GetString());
        Assert.Equal("owner", (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Posting_returns_201_a_retry_200_and_a_reused_key_with_other_content_409()
    {
        var first = await alice.SendAsync(Post(Transfer("12.3"), "k-1"));
        var retry = await alice.SendAsync(Post(Transfer("12.3"), "k-1"));
        var other = await alice.SendAsync(Post(Transfer("99"), "k-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(created.GetProperty("id").GetGuid(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal("12.30", created.GetProperty("postings")[0].GetProperty("amount").GetString());
        Assert.Equal(first.Headers.Location!.OriginalString, $"/api/v1/books/{book}/transactions/{created.GetProperty("id").GetGuid()}");
        Assert.Equal(1, await TransactionCountAsync());
    }

    [Fact]
    public async Task Twenty_parallel_duplicate_posts_create_one_transaction()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => alice.SendAsync(Post(Transfer("5"), "same-key"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, await TransactionCountAsync());
    }

    [Fact]
    public async Task Reading_voiding_and_voiding_again()
    {
        var created = await (await alice.SendAsync(Post(Transfer("7")))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var read = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions/{id}");
        var voided = await alice.PostAsync($"api/v1/books/{book}/transactions/{id}/void", null);
        var again = await alice.PostAsync($"api/v1/books/{book}/transactions/{id}/void", null);

        Assert.Equal("Lunch", read.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.Created, voided.StatusCode);
        Assert.Equal(id, (await voided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reversesId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Paging_the_register_and_the_transactions_has_no_gaps_or_repeats()
    {
        for (var i = 1; i <= 13; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await alice.SendAsync(Post(Transfer($"{i}", $"T{i}", $"2026-10-{i:00}")))).StatusCode);
        }

        async Task<List<JsonElement>> All(string url)
        {
            var items = new List<JsonElement>();
            string? cursor = null;
            do
            {
                var page = await alice.GetFromJsonAsync<JsonElement>(url + (cursor is null ? "" : $"&cursor={cursor}"));
                items.AddRange(page.GetProperty("items").EnumerateArray());
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            return items;
        }

        var register = await All($"api/v1/books/{book}/accounts/{food}/register?limit=4");
        var transactions = await All($"api/v1/books/{book}/transactions?limit=5");

        Assert.Equal(13, register.Select(r => r.GetProperty("transactionId").GetGuid()).Distinct().Count());
        Assert.Equal(13, register.Count);
        Assert.Equal("91.00", register[0].GetProperty("runningBalance").GetString());
        Assert.Equal("1.00", register[^1].GetProperty("runningBalance").GetString());
        Assert.Equal(Enumerable.Range(1, 13).Reverse().Select(i => $"T{i}"), transactions.Select(t => t.GetProperty("description").GetString()));
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("[]", HttpStatusCode.BadRequest, "JSON object")]
    [InlineData("""{"date":"01/11/2026","description":"x","postings":[]}""", HttpStatusCode.BadRequest, "\"date\"")]
    public async Task Bad_bodies_get_a_clear_4xx_and_write_nothing(string body, HttpStatusCode status, string message)
    {
        var response = await alice.SendAsync(Post(body));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Theory]
    [InlineData("\"12.345\"", "postings[0].amount", "at most 2 decimal places")]
    [InlineData("10000000000000.01", "postings[0].amount", "too large")]
    [InlineData("\"ten\"", "postings[0].amount", "Enter a number")]
    [InlineData("true", "postings[0].amount", "decimal string")]
    public async Task Bad_amounts_are_refused_per_field(string amount, string field, string message)
    {
        var body = $$"""{"date":"2026-11-01","description":"x","postings":[{"accountId":"{{food}}","amount":{{amount}}},{"accountId":"{{cash}}","amount":"-1"}]}""";

        var response = await alice.SendAsync(Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Fact]
    public async Task Unbalanced_too_many_postings_unknown_enums_and_oversized_bodies_are_refused()
    {
        var unbalanced = await alice.SendAsync(Post($$"""{"date":"2026-11-01","description":"x","postings":[{"accountId":"{{food}}","amount":"2"},{"accountId":"{{cash}}","amount":"-1"}]}"""));
        var many = string.Join(",", Enumerable.Range(0, 101).Select(i => $$"""{"accountId":"{{(i % 2 == 0 ? food : cash)}}","amount":"{{(i % 2 == 0 ? "1" : "-1")}}"}"""));
        var tooMany = await alice.SendAsync(Post($$"""{"date":"2026-11-01","description":"x","postings":[{{many}}]}"""));
        var badType = await alice.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name = "X", type = "Treasure", currency = "USD" });
        var huge = await alice.SendAsync(Post($$"""{"date":"2026-11-01","description":"{{new string('x', 1_100_000)}}","postings":[]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, unbalanced.StatusCode);
        Assert.Contains("do not balance", await unbalanced.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 100 postings", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("Asset, Liability", await badType.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Fact]
    public async Task Missing_malformed_expired_revoked_and_disabled_tokens_get_401()
    {
        using var none = App.NewApiClient(null);
        using var malformed = App.NewApiClient("not-a-token");
        var expiredToken = await TokenAsync("eve@example.com", ApiScopes.Read, days: 1);
        var revokedToken = await TokenAsync("rob@example.com", ApiScopes.Read);
        var disabledToken = await TokenAsync("dan@example.com", ApiScopes.Read);
        await App.WithDbAsync(async db =>
        {
            var users = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
            await db.ApiTokens.Where(t => t.UserId == users["eve@example.com"]).ExecuteUpdateAsync(x => x.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
            await db.ApiTokens.Where(t => t.UserId == users["rob@example.com"]).ExecuteUpdateAsync(x => x.SetProperty(t => t.RevokedAt, DateTime.UtcNow));
            return await db.Users.Where(u => u.Id == users["dan@example.com"]).ExecuteUpdateAsync(x => x.SetProperty(u => u.DisabledAt, DateTime.UtcNow));
        });

        foreach (var client in new[] { none, malformed, App.NewApiClient(expiredToken), App.NewApiClient(revokedToken), App.NewApiClient(disabledToken) })
        {
            var response = await client.GetAsync("api/v1/books");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_read_token_cannot_write_and_a_browser_cookie_is_not_a_token()
    {
        using var reader = await ClientAsync("alice@example.com", ApiScopes.Read);
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, "alice@example.com", AppHost.UserPassword);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("api/v1/books")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(Post(Transfer("1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("api/v1/books")).StatusCode);
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Fact]
    public async Task Another_users_book_account_and_transaction_are_404_like_missing_ones()
    {
        var created = await (await alice.SendAsync(Post(Transfer("3")))).Content.ReadFromJsonAsync<JsonElement>();
        using var bob = await ClientAsync("bob@example.com", ApiScopes.Write);
        var tx = created.GetProperty("id").GetGuid();

        foreach (var url in new[] { $"api/v1/books/{book}/accounts", $"api/v1/books/{book}/accounts/{food}", $"api/v1/books/{book}/transactions",
                     $"api/v1/books/{book}/transactions/{tx}", $"api/v1/books/{book}/accounts/{food}/register", $"api/v1/books/{Guid.NewGuid()}/accounts" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"api/v1/books/{book}/transactions/{tx}/void", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendAsync(Post(Transfer("1")))).StatusCode);
        Assert.Equal(1, await TransactionCountAsync());
    }

    [Fact]
    public async Task The_openapi_document_and_the_docs_are_served()
    {
        using var anonymous = App.NewApiClient(null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var docs = await anonymous.GetAsync("api/docs");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/books/{bookId}/transactions", out _));
        Assert.All(document.GetProperty("paths").EnumerateObject(), path => Assert.StartsWith("/api/v1/", path.Name));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }
}
