using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
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
}
