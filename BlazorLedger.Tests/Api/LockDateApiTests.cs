using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Api;

/// <summary>A book's lock date over the HTTP API: read by members, set by owners, and a write into the closed period answered 409.</summary>
public sealed class LockDateApiTests : AppHostTest
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly Locked = Today.AddDays(-30);
    private static readonly string LockedText = Locked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private HttpClient alice = default!;
    private Guid book, cash, food;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        alice = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write));
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        cash = await CreateAccountAsync("Cash", "Asset");
        food = await CreateAccountAsync("Food", "Expense");
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

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private string Transaction(DateOnly date) =>
        $$"""{"date":"{{date:yyyy-MM-dd}}","description":"Lunch","postings":[{"accountId":"{{food}}","amount":"12.00"},{"accountId":"{{cash}}","amount":"-12.00"}]}""";

    private Task<HttpResponseMessage> PutAsync(HttpClient client, string json) => client.PutAsync($"api/v1/books/{book}/lock-date", Json(json));

    private async Task<HttpClient> MemberAsync(string email, BookRole role, string scope)
    {
        var user = await App.CreateUserAsync(email);
        await App.WithDbAsync(async db =>
        {
            db.BookMembers.Add(new BookMember { BookId = book, UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        return App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), scope));
    }

    private static async Task AssertPeriodClosedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ApiEndpoints.PeriodClosedType, problem.GetProperty("type").GetString());
        Assert.Equal("Period closed", problem.GetProperty("title").GetString());
        Assert.Equal(LockedText, problem.GetProperty("lockDate").GetString());
        Assert.Contains(LockedText, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_owner_puts_the_lock_date_members_get_it_and_null_opens_every_period()
    {
        using var viewer = await MemberAsync("vera@example.com", BookRole.Viewer, ApiScopes.Read);
        Assert.Equal(JsonValueKind.Null, (await viewer.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/lock-date")).GetProperty("date").ValueKind);

        var put = await PutAsync(alice, $$"""{"date":"{{LockedText}}"}""");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(LockedText, (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("date").GetString());
        Assert.Equal(new ApiLockDate(Locked), await viewer.GetFromJsonAsync<ApiLockDate>($"api/v1/books/{book}/lock-date", JsonSerializerOptions.Web));

        var cleared = await PutAsync(alice, """{"date":null}""");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(new ApiLockDate(null), await viewer.GetFromJsonAsync<ApiLockDate>($"api/v1/books/{book}/lock-date", JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Only_an_owner_with_a_write_token_may_put_it_and_a_body_without_a_date_changes_nothing()
    {
        using var editor = await MemberAsync("eddie@example.com", BookRole.Editor, ApiScopes.Write);
        using var readOnly = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync("alice@example.com"), ApiScopes.Read));
        using var outsider = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.CreateUserAsync("olga@example.com")).Id), ApiScopes.Write));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(alice, $$"""{"date":"{{LockedText}}"}""")).StatusCode);

        var byEditor = await PutAsync(editor, """{"date":null}""");
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Contains("owner", (await byEditor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(readOnly, """{"date":null}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(outsider, """{"date":null}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"api/v1/books/{book}/lock-date")).StatusCode);

        foreach (var bad in new[] { "{}", """{"date":"30.06.2026"}""", """{"date":5}""", $$"""{"date":"{{Today.AddDays(30):yyyy-MM-dd}}"}""" })
        {
            var response = await PutAsync(alice, bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("date", out _), bad);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(alice, "[]")).StatusCode);
        Assert.Equal(new ApiLockDate(Locked), await editor.GetFromJsonAsync<ApiLockDate>($"api/v1/books/{book}/lock-date", JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_write_into_the_closed_period_answers_409_naming_the_lock_date_and_a_void_reverses_after_it()
    {
        var old = await alice.PostAsync($"api/v1/books/{book}/transactions", Json(Transaction(Locked.AddDays(-3))));
        Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        var oldId = (await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(alice, $$"""{"date":"{{LockedText}}"}""")).StatusCode);

        await AssertPeriodClosedAsync(await alice.PostAsync($"api/v1/books/{book}/transactions", Json(Transaction(Locked))));
        await AssertPeriodClosedAsync(await alice.PostAsync($"api/v1/books/{book}/transactions/batch",
            Json($$"""{"transactions":[{"idempotencyKey":"k1",{{Transaction(Locked.AddDays(1))[1..^1]}}},{"idempotencyKey":"k2",{{Transaction(Locked)[1..^1]}}}]}""")));
        await AssertPeriodClosedAsync(await alice.PostAsync($"api/v1/books/{book}/transactions/{oldId}/correct", Json(Transaction(Locked.AddDays(1)))));
        using (var amend = new HttpRequestMessage(HttpMethod.Patch, $"api/v1/books/{book}/transactions/{oldId}") { Content = Json("""{"version":1,"description":"Renamed"}""") })
        {
            await AssertPeriodClosedAsync(await alice.SendAsync(amend));
        }
        Assert.Equal(1, await App.WithDbAsync(db => Task.FromResult(db.Transactions.Count())));

        var voided = await alice.PostAsync($"api/v1/books/{book}/transactions/{oldId}/void", null);
        Assert.Equal(HttpStatusCode.Created, voided.StatusCode);
        var reversal = await voided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Locked.AddDays(1), DateOnly.Parse(reversal.GetProperty("date").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(oldId, reversal.GetProperty("reversesId").GetGuid());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_lock_date_and_the_409_of_posting()
    {
        var document = (await alice.GetFromJsonAsync<JsonElement>("openapi/v1.json"));
        var path = document.GetProperty("paths").GetProperty("/api/v1/books/{bookId}/lock-date");

        Assert.True(path.TryGetProperty("get", out _));
        Assert.True(path.TryGetProperty("put", out _));
        Assert.True(document.GetProperty("paths").GetProperty("/api/v1/books/{bookId}/transactions").GetProperty("post")
            .GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal(["date"], document.GetProperty("components").GetProperty("schemas").GetProperty(nameof(ApiLockDate))
            .GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains(ApiEndpoints.PeriodClosedType, document.GetProperty("info").GetProperty("description").GetString());
    }
}
