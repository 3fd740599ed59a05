using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Api;

/// <summary>Accounts over the API: opening balances and parents on create, and PATCH against the version.</summary>
public sealed class AccountsApiTests : AppHostTest
{
    private HttpClient alice = default!;
    private Guid book;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        alice = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write, 30));
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
    }

    public override async Task DisposeAsync()
    {
        alice.Dispose();
        await base.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonElement> CreateAsync(string json)
    {
        var response = await alice.PostAsync($"api/v1/books/{book}/accounts", Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PatchAsync(Guid account, string json, HttpClient? client = null, Guid? inBook = null) =>
        (client ?? alice).PatchAsync($"api/v1/books/{inBook ?? book}/accounts/{account}", Json(json));

    private async Task AssertInvariantsAsync() => await App.WithDbAsync(async db =>
    {
        await TestLedger.AssertInvariantsAsync(db);
        return 0;
    });

    [Fact]
    public async Task Create_takes_a_parent_and_an_opening_balance_posted_in_the_same_step()
    {
        var bank = await CreateAsync("""{"name":"Bank","type":"Asset","currency":"USD"}""");
        var checking = await CreateAsync($$"""{"name":"Checking","type":"asset","currency":"USD","parentId":"{{bank.GetProperty("id")}}","openingBalance":"1250.50","openingDate":"2026-01-01"}""");
        var card = await CreateAsync("""{"name":"Card","type":"Liability","currency":"USD","openingBalance":300}""");

        Assert.Equal(bank.GetProperty("id").GetGuid(), checking.GetProperty("parentId").GetGuid());
        Assert.Equal(JsonValueKind.Null, bank.GetProperty("parentId").ValueKind);
        Assert.Equal(("1250.50", 125050L), (checking.GetProperty("balance").GetString(), checking.GetProperty("balanceMinor").GetInt64()));
        Assert.Equal(-30000L, card.GetProperty("balanceMinor").GetInt64());
        var accounts = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts");
        var equity = accounts.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Opening balances");
        Assert.Equal(("Equity", -95050L), (equity.GetProperty("type").GetString(), equity.GetProperty("balanceMinor").GetInt64()));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_bad_opening_balance_is_400_by_field_and_nothing_is_written()
    {
        var tooPrecise = await alice.PostAsync($"api/v1/books/{book}/accounts",
            Json("""{"name":"Checking","type":"Asset","currency":"JPY","openingBalance":"12.5","openingDate":"01/02/2026"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, tooPrecise.StatusCode);
        var errors = (await tooPrecise.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["openingBalance", "openingDate"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(0, await App.WithDbAsync(db => db.Accounts.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task Patch_changes_name_code_parent_and_archived_against_the_version_and_a_stale_version_gets_409_with_the_current_values()
    {
        var bank = (await CreateAsync("""{"name":"Bank","type":"Asset","currency":"USD"}""")).GetProperty("id").GetGuid();
        var savings = await CreateAsync("""{"name":"Savngs","code":"1","type":"Asset","currency":"USD"}""");
        var id = savings.GetProperty("id").GetGuid();

        var renamed = await PatchAsync(id, $$"""{"version":1,"name":"Savings","code":"1020","parentId":"{{bank}}"}""");
        var stale = await PatchAsync(id, """{"version":1,"name":"Other"}""");
        var top = await PatchAsync(id, """{"version":2,"parentId":null,"archived":true,"code":""}""");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var body = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Savings", "1020", bank, 2L), (body.GetProperty("name").GetString(), body.GetProperty("code").GetString(),
            body.GetProperty("parentId").GetGuid(), body.GetProperty("version").GetInt64()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current");
        Assert.Equal(("Savings", 2L, bank), (current.GetProperty("name").GetString(), current.GetProperty("version").GetInt64(),
            current.GetProperty("parentId").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, top.StatusCode);
        var archived = await top.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((JsonValueKind.Null, true, JsonValueKind.Null), (archived.GetProperty("parentId").ValueKind,
            archived.GetProperty("archived").GetBoolean(), archived.GetProperty("code").ValueKind));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task Patch_refuses_bad_input_with_errors_by_field_and_changes_nothing()
    {
        var food = (await CreateAsync("""{"name":"Food","type":"Expense","currency":"USD"}""")).GetProperty("id").GetGuid();
        var cash = (await CreateAsync("""{"name":"Cash","type":"Asset","currency":"USD"}""")).GetProperty("id").GetGuid();

        var noVersion = await PatchAsync(cash, """{"name":"Wallet"}""");
        var wrongKinds = await PatchAsync(cash, """{"version":1,"name":5,"parentId":42}""");
        var otherType = await PatchAsync(cash, $$"""{"version":1,"parentId":"{{food}}"}""");
        var itself = await PatchAsync(cash, $$"""{"version":1,"parentId":"{{cash}}"}""");
        var blank = await PatchAsync(cash, """{"version":1,"name":" "}""");

        async Task<string[]> FieldsAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        }
        Assert.Equal(["version"], await FieldsAsync(noVersion));
        Assert.Equal(["name", "parentId"], await FieldsAsync(wrongKinds));
        Assert.Equal(["parentId"], await FieldsAsync(otherType));
        Assert.Equal(["parentId"], await FieldsAsync(itself));
        Assert.Equal(["name"], await FieldsAsync(blank));
        var after = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}");
        Assert.Equal(("Cash", 1L), (after.GetProperty("name").GetString(), after.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task Patch_of_another_books_or_an_unknown_account_is_404_and_a_read_token_cannot_patch()
    {
        var cash = (await CreateAsync("""{"name":"Cash","type":"Asset","currency":"USD"}""")).GetProperty("id").GetGuid();
        var bob = await App.CreateUserAsync("bob@example.com");
        using var bobs = App.NewApiClient(await App.CreateTokenAsync(new Actor(bob.Id), ApiScopes.Write, 30));
        var bobsBook = (await bobs.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        using var reader = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.FindUserAsync("alice@example.com"))!.Id), ApiScopes.Read, 30));

        var fromBob = await PatchAsync(cash, """{"version":1,"name":"Mine"}""", bobs);
        var viaBobsBook = await PatchAsync(cash, """{"version":1,"name":"Mine"}""", bobs, bobsBook);
        var unknown = await PatchAsync(Guid.NewGuid(), """{"version":1,"name":"Mine"}""");
        var readOnly = await PatchAsync(cash, """{"version":1,"name":"Mine"}""", reader);

        Assert.Equal(HttpStatusCode.NotFound, fromBob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaBobsBook.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal("Cash", (await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_document_shows_patch_and_the_new_fields()
    {
        var document = await alice.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var path = document.GetProperty("paths").GetProperty("/api/v1/books/{bookId}/accounts/{accountId}");

        Assert.True(path.TryGetProperty("patch", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty(nameof(ApiUpdateAccount)).GetProperty("properties").TryGetProperty("parentId", out _));
        Assert.True(schemas.GetProperty(nameof(ApiCreateAccount)).GetProperty("properties").TryGetProperty("openingBalance", out _));
        Assert.True(schemas.GetProperty(nameof(ApiAccount)).GetProperty("properties").TryGetProperty("parentId", out _));
    }
}
