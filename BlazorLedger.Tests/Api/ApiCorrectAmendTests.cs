using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Api;

/// <summary>Correcting, amending and tagging transactions over the HTTP API.</summary>
public sealed class ApiCorrectAmendTests : AppHostTest
{
    private HttpClient alice = default!;
    private Guid book, cash, food, dining;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        alice = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write, 30));
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        cash = await CreateAccountAsync("Cash", "Asset");
        food = await CreateAccountAsync("Food", "Expense");
        dining = await CreateAccountAsync("Dining", "Expense");
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

    private string Body(Guid expense, string amount, string description = "Dinner", string tags = """["Food"]""") =>
        $$"""{"date":"2026-11-01","description":"{{description}}","tags":{{tags}},"postings":[{"accountId":"{{expense}}","amount":"{{amount}}"},{"accountId":"{{cash}}","amount":"-{{amount}}"}]}""";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await alice.SendAsync(request);
    }

    private async Task<JsonElement> PostAsync(string body)
    {
        var response = await SendAsync(HttpMethod.Post, $"api/v1/books/{book}/transactions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Correct_posts_the_void_and_replacement_and_a_retry_answers_200_with_the_same_replacement()
    {
        var original = await PostAsync(Body(food, "12.00", "Dinnr"));
        var id = original.GetProperty("id").GetGuid();
        var url = $"api/v1/books/{book}/transactions/{id}/correct";

        var created = await SendAsync(HttpMethod.Post, url, Body(dining, "21.00"), "fix-1");
        var retried = await SendAsync(HttpMethod.Post, url, Body(dining, "21.00"), "fix-1");
        var changed = await SendAsync(HttpMethod.Post, url, Body(dining, "22.00"), "fix-1");
        var again = await SendAsync(HttpMethod.Post, url, Body(dining, "23.00"), "fix-2");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var replacement = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, replacement.GetProperty("correctsId").GetGuid());
        Assert.Equal(["food"], replacement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal($"/api/v1/books/{book}/transactions/{replacement.GetProperty("id").GetGuid()}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(replacement.GetProperty("id").GetGuid(), (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already been corrected", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var corrected = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions/{id}");
        Assert.True(corrected.GetProperty("voided").GetBoolean());
        Assert.Equal(replacement.GetProperty("id").GetGuid(), corrected.GetProperty("correctedById").GetGuid());
        Assert.Equal(3, await App.WithDbAsync(db => db.Transactions.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.Accounts.Where(a => a.Id == food).Select(a => a.Balance).SingleAsync()));
        Assert.Equal(21_00, await App.WithDbAsync(db => db.Accounts.Where(a => a.Id == dining).Select(a => a.Balance).SingleAsync()));
    }

    [Fact]
    public async Task A_listed_transaction_is_the_same_record_as_the_transaction_read_alone()
    {
        // A memo, tags, an amendment, and a correction: the original voided, its reversal, and the replacement.
        var original = await PostAsync($$"""{"date":"2026-11-01","description":"Dinnr","tags":["food"],"postings":[{"accountId":"{{food}}","amount":"12.00","memo":"with Sam"},{"accountId":"{{cash}}","amount":"-12.00"}]}""");
        var id = original.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Patch, $"api/v1/books/{book}/transactions/{id}",
            $$"""{"version":{{original.GetProperty("version").GetInt64()}},"description":"Dinner"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"api/v1/books/{book}/transactions/{id}/correct", Body(dining, "21.00"), "fix")).StatusCode);
        await PostAsync(Body(food, "3.00", "Snack"));

        var listed = (await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(4, listed.Count);
        foreach (var item in listed)
        {
            var alone = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions/{item.GetProperty("id").GetGuid()}");
            Assert.Equal(alone.GetRawText(), item.GetRawText());
        }
    }

    [Fact]
    public async Task A_patch_naming_what_cannot_be_amended_is_refused_with_each_field_named_and_changes_nothing()
    {
        var original = await PostAsync(Body(food, "12.00"));
        var id = original.GetProperty("id").GetGuid();

        var response = await SendAsync(HttpMethod.Patch, $"api/v1/books/{book}/transactions/{id}",
            $$"""{"version":{{original.GetProperty("version").GetInt64()}},"description":"Lunch","date":"2020-01-01","postings":[],"colour":"red"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["colour", "date", "postings"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("The date, amounts and accounts of a posted transaction cannot be amended: correct it instead (POST .../correct).",
            errors.GetProperty("date")[0].GetString());
        Assert.Equal("A PATCH takes only version, description, payee, memos and tags.", errors.GetProperty("colour")[0].GetString());
        var after = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions/{id}");
        Assert.Equal(original.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task An_invalid_correction_writes_nothing_and_another_books_transaction_is_not_found()
    {
        var id = (await PostAsync(Body(food, "12.00"))).GetProperty("id").GetGuid();
        var bob = await App.CreateUserAsync("bob@example.com");
        using var bobs = App.NewApiClient(await App.CreateTokenAsync(new Actor(bob.Id), ApiScopes.Write, 30));
        var bobBook = (await bobs.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();

        var badTag = await SendAsync(HttpMethod.Post, $"api/v1/books/{book}/transactions/{id}/correct", Body(dining, "5.00", tags: """["a b"]"""));
        var notArray = await SendAsync(HttpMethod.Post, $"api/v1/books/{book}/transactions/{id}/correct", Body(dining, "5.00", tags: "7"));
        using var foreign = new HttpRequestMessage(HttpMethod.Post, $"api/v1/books/{bobBook}/transactions/{id}/correct")
        {
            Content = new StringContent(Body(dining, "5.00"), Encoding.UTF8, "application/json"),
        };
        var outsider = await alice.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        Assert.True((await badTag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tags", out _));
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task Patch_amends_text_and_tags_against_the_version_and_a_stale_version_gets_409_with_the_current_values()
    {
        var id = (await PostAsync(Body(food, "12.00", "Lunhc"))).GetProperty("id").GetGuid();
        var url = $"api/v1/books/{book}/transactions/{id}";

        var amended = await SendAsync(HttpMethod.Patch, url, """{"version":0,"description":"Lunch","tags":["Work","food"]}""");
        var stale = await SendAsync(HttpMethod.Patch, url, """{"version":0,"description":"Other"}""");
        var noVersion = await SendAsync(HttpMethod.Patch, url, """{"description":"Other"}""");

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var body = await amended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Lunch", body.GetProperty("description").GetString());
        Assert.Equal(["food", "work"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal(["12.00", "-12.00"], body.GetProperty("postings").EnumerateArray().Select(p => p.GetProperty("amount").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Lunch", conflict.GetProperty("current").GetProperty("description").GetString());
        Assert.Equal(1, conflict.GetProperty("current").GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);

        var history = await alice.GetFromJsonAsync<JsonElement>($"{url}/amendments");
        Assert.Equal("Lunhc", Assert.Single(history.EnumerateArray()).GetProperty("before").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"api/v1/books/{book}/transactions/{Guid.NewGuid()}/amendments")).StatusCode);
        var tagged = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions?tag=WORK");
        Assert.Equal([id], tagged.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Empty((await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/transactions?tag=none")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_document_shows_correct_and_patch()
    {
        var response = await alice.GetAsync("openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text[..Math.Min(text.Length, 3000)]);
        var document = JsonDocument.Parse(text).RootElement;
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/books/{bookId}/transactions/{transactionId}/correct").TryGetProperty("post", out _));
        var patch = paths.GetProperty("/api/v1/books/{bookId}/transactions/{transactionId}").GetProperty("patch");
        Assert.True(patch.GetProperty("responses").TryGetProperty("409", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        // The fields it takes; any other lands in the extension data, to be refused by name.
        Assert.Equal(JsonSerializerOptions.Web.GetTypeInfo(typeof(ApiAmendTransaction)).Properties.Where(p => !p.IsExtensionData).Select(p => p.Name).Order(),
            schemas.GetProperty(nameof(ApiAmendTransaction)).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }
}
