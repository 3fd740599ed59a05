using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Api;

/// <summary>The transaction list's filters and the payee list over the HTTP API.</summary>
public sealed class ApiTransactionFilterTests : AppHostTest
{
    private HttpClient alice = default!, bob = default!;
    private Guid book, bobsBook, cash, food, bobsCash;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        alice = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.CreateUserAsync("alice@example.com")).Id), ApiScopes.Write, 30));
        bob = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.CreateUserAsync("bob@example.com")).Id), ApiScopes.Write, 30));
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        bobsBook = (await bob.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        cash = await CreateAccountAsync(alice, book, "Cash", "Asset");
        food = await CreateAccountAsync(alice, book, "Food", "Expense");
        var rent = await CreateAccountAsync(alice, book, "Rent", "Expense");
        bobsCash = await CreateAccountAsync(bob, bobsBook, "Bob cash", "Asset");
        var bobsFood = await CreateAccountAsync(bob, bobsBook, "Bob food", "Expense");
        await PostAsync(alice, book, cash, food, "12.50", "2026-03-01", "Lunch", "Corner Cafe");
        await PostAsync(alice, book, cash, food, "40.00", "2026-03-05", "Groceries", "Green Market");
        await PostAsync(alice, book, cash, rent, "900.00", "2026-03-10", "March rent", "Landlord");
        await PostAsync(bob, bobsBook, bobsCash, bobsFood, "12.50", "2026-03-01", "Bob lunch", "Corner Cafe Secret");
    }

    public override async Task DisposeAsync()
    {
        alice.Dispose();
        bob.Dispose();
        await base.DisposeAsync();
    }

    private static async Task<Guid> CreateAccountAsync(HttpClient client, Guid bookId, string name, string type)
    {
        var response = await client.PostAsJsonAsync($"api/v1/books/{bookId}/accounts", new { name, type, currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task PostAsync(HttpClient client, Guid bookId, Guid from, Guid to, string amount, string date, string description, string payee)
    {
        var response = await client.PostAsJsonAsync($"api/v1/books/{bookId}/transactions", new
        {
            date, description, payee,
            postings = new[] { new { accountId = to, amount }, new { accountId = from, amount = "-" + amount } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<string[]> ListAsync(string query) =>
        (await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions?{query}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("description").GetString()!).ToArray();

    [Fact]
    public async Task The_list_filters_by_account_payee_amount_range_and_dates()
    {
        Assert.Equal(["Groceries", "Lunch"], await ListAsync($"account={food}"));
        Assert.Equal(["Groceries"], await ListAsync("payee=green"));
        Assert.Equal(["Groceries", "Lunch"], await ListAsync("minAmount=10&maxAmount=100"));
        Assert.Equal(["March rent"], await ListAsync("minAmount=100.01"));
        Assert.Equal(["Groceries"], await ListAsync($"account={food}&from=2026-03-02&to=2026-03-31"));
        Assert.Equal(["Lunch"], await ListAsync($"account={cash}&maxAmount=12.5"));
    }

    [Theory]
    [InlineData("account=nope", "account")]
    [InlineData("minAmount=lots", "minAmount")]
    [InlineData("maxAmount=12,50", "maxAmount")]
    [InlineData("minAmount=20&maxAmount=10", "maxAmount")]
    [InlineData("from=2026-02-30", "from")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var response = await alice.GetAsync($"api/v1/books/{book}/transactions?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Another_books_account_finds_nothing_of_it()
    {
        var response = await alice.GetAsync($"api/v1/books/{book}/transactions?account={bobsCash}");
        var outsider = await alice.GetAsync($"api/v1/books/{bobsBook}/transactions?account={bobsCash}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Bob", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task A_query_parameter_given_twice_is_refused_by_name()
    {
        var response = await alice.GetAsync($"api/v1/books/{book}/transactions?limit=2&q=x&limit=3&tag=a&tag=b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["limit", "tag"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("This query parameter is given more than once: give it once.", errors.GetProperty("limit")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"api/v1/books/{book}/transactions?limit=2&q=x")).StatusCode);
    }

    [Fact]
    public async Task The_payee_list_matches_q_and_shows_no_other_books_payees()
    {
        var all = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/payees");
        var cafe = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/payees?q=CAFE");
        var badLimit = await alice.GetAsync($"api/v1/books/{book}/payees?limit=0");
        var outsider = await alice.GetAsync($"api/v1/books/{bobsBook}/payees");

        Assert.Equal(["Corner Cafe", "Green Market", "Landlord"], all.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["Corner Cafe"], cafe.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(1, cafe[0].GetProperty("uses").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }
}
