using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Reconciliations;

/// <summary>Reconciling over the HTTP API: postings found in the register, finished at zero difference, listed after.</summary>
public sealed class ReconciliationApiTests : AppHostTest
{
    private static readonly string Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private HttpClient alice = default!;
    private Guid book, cash;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        alice = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write));
        book = (await alice.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        cash = await CreateAccountAsync("Cash", "Asset");
    }

    public override async Task DisposeAsync()
    {
        alice.Dispose();
        await base.DisposeAsync();
    }

    private async Task<Guid> CreateAccountAsync(string name, string type)
    {
        var response = await alice.PostAsJsonAsync($"api/v1/books/{book}/accounts",
            new { name, type, currency = "USD", openingBalance = type == "Asset" ? "100.00" : null, openingDate = Yesterday });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_client_reconciles_the_registers_postings_at_zero_difference_and_lists_the_reconciliation()
    {
        var register = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}/register");
        var item = register.GetProperty("items")[0];
        Assert.Equal("Uncleared", item.GetProperty("state").GetString());
        var postingId = item.GetProperty("postingId").GetInt64();
        var path = $"api/v1/books/{book}/accounts/{cash}/reconciliations";

        var off = await alice.PostAsJsonAsync(path, new { statementDate = Yesterday, statementBalance = "90.00", postingIds = new[] { postingId } });
        var done = await alice.PostAsJsonAsync(path, new { statementDate = Yesterday, statementBalance = "100.00", postingIds = new[] { postingId } });
        var again = await alice.PostAsJsonAsync(path, new { statementDate = Yesterday, statementBalance = "100.00", postingIds = new[] { postingId } });

        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Contains("statementBalance", await off.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var listed = await alice.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(("100.00", 1), (listed[0].GetProperty("statementBalance").GetString(), listed[0].GetProperty("postingCount").GetInt32()));
        var after = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}/register");
        Assert.Equal("Reconciled", after.GetProperty("items")[0].GetProperty("state").GetString());
        var document = await alice.GetStringAsync("openapi/v1.json");
        Assert.Contains("/reconciliations", document);
        Assert.Contains("ApiReconcile", document);
    }

    [Fact]
    public async Task A_client_clears_and_unclears_a_posting_but_not_a_reconciled_one_nor_as_a_viewer_or_an_outsider()
    {
        var register = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}/register");
        var postingId = register.GetProperty("items")[0].GetProperty("postingId").GetInt64();
        var path = $"api/v1/books/{book}/accounts/{cash}/postings/{postingId}/state";
        var viewerUser = await App.CreateUserAsync("vera@example.com");
        await App.WithDbAsync(async db =>
        {
            db.BookMembers.Add(new BookMember { BookId = book, UserId = viewerUser.Id, Role = BookRole.Viewer, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var viewer = App.NewApiClient(await App.CreateTokenAsync(new Actor(viewerUser.Id), ApiScopes.Write));
        using var outsider = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.CreateUserAsync("olga@example.com")).Id), ApiScopes.Write));

        var cleared = await alice.PutAsJsonAsync(path, new { state = "cleared" });
        var registerAfter = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}/register");
        var wrong = await alice.PutAsJsonAsync(path, new { state = "reconciled" });
        var byViewer = await viewer.PutAsJsonAsync(path, new { state = "uncleared" });
        var byOutsider = await outsider.PutAsJsonAsync(path, new { state = "uncleared" });
        var unknown = await alice.PutAsJsonAsync($"api/v1/books/{book}/accounts/{cash}/postings/{postingId + 1000}/state", new { state = "cleared" });

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var body = await cleared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Cleared", postingId), (body.GetProperty("state").GetString(), body.GetProperty("postingId").GetInt64()));
        Assert.Equal("Cleared", registerAfter.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("\"state\"", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var reconciled = await alice.PostAsJsonAsync($"api/v1/books/{book}/accounts/{cash}/reconciliations",
            new { statementDate = Yesterday, statementBalance = "100.00", postingIds = new[] { postingId } });
        Assert.Equal(HttpStatusCode.Created, reconciled.StatusCode);
        var refused = await alice.PutAsJsonAsync(path, new { state = "uncleared" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var final = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}/register");
        Assert.Equal("Reconciled", final.GetProperty("items")[0].GetProperty("state").GetString());
        var document = await alice.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty("/api/v1/books/{bookId}/accounts/{accountId}/postings/{postingId}/state").GetProperty("put");
        Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("409", out _));
    }

    [Fact]
    public async Task A_reconciled_transaction_is_voided_over_the_api_only_by_an_owner_who_overrides()
    {
        var register = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}/register");
        var item = register.GetProperty("items")[0];
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync($"api/v1/books/{book}/accounts/{cash}/reconciliations",
            new { statementDate = Yesterday, statementBalance = "100.00", postingIds = new[] { item.GetProperty("postingId").GetInt64() } })).StatusCode);
        var editorUser = await App.CreateUserAsync("eddie@example.com");
        await App.WithDbAsync(async db =>
        {
            db.BookMembers.Add(new BookMember { BookId = book, UserId = editorUser.Id, Role = BookRole.Editor, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var editor = App.NewApiClient(await App.CreateTokenAsync(new Actor(editorUser.Id), ApiScopes.Write));
        var path = $"api/v1/books/{book}/transactions/{item.GetProperty("transactionId").GetGuid()}/void";

        var plain = await alice.PostAsync(path, null);
        var byEditor = await editor.PostAsync(path + "?overrideReconciled=true", null);
        var malformed = await alice.PostAsync(path + "?overrideReconciled=yes", null);
        var overridden = await alice.PostAsync(path + "?overrideReconciled=true", null);

        Assert.Equal(HttpStatusCode.Conflict, plain.StatusCode);
        Assert.Contains("An owner can void it anyway", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        Assert.Equal(0, (await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/accounts/{cash}")).GetProperty("balanceMinor").GetInt64());
    }
}
