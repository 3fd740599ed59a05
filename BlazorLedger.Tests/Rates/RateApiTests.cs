using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Rates;

/// <summary>Rates over the API, and reports converted with them, on a real Kestrel port.</summary>
public sealed class RateApiTests : AppHostTest
{
    private HttpClient writer = default!;
    private HttpClient reader = default!;
    private Guid book;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        writer = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write));
        reader = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Read));
        book = (await writer.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
    }

    public override async Task DisposeAsync()
    {
        writer.Dispose();
        reader.Dispose();
        await base.DisposeAsync();
    }

    private Task<HttpResponseMessage> PutAsync(string json, HttpClient? client = null) =>
        (client ?? writer).PutAsync($"api/v1/books/{book}/rates", new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<int> RateCountAsync() => App.WithDbAsync(db => db.ExchangeRates.CountAsync());

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private async Task<Guid> AccountAsync(string name, string type, string currency)
    {
        var response = await writer.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name, type, currency });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Rates_are_put_read_back_exactly_filtered_and_deleted()
    {
        var put = await PutAsync("""{"rates":[{"currency":"EUR","date":"2026-11-01","rate":"1.0842"},{"currency":"EUR","date":"2026-11-15","rate":"1.10"},{"currency":"JPY","date":"2026-11-01","rate":"0.0066666667"}]}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("1.1", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rates")[1].GetProperty("rate").GetString());

        var all = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/rates");
        var euros = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/rates?currency=EUR&from=2026-11-02&to=2026-12-31");

        Assert.Equal("USD", all.GetProperty("baseCurrency").GetString());
        Assert.Equal([("EUR", "2026-11-15", "1.1"), ("EUR", "2026-11-01", "1.0842"), ("JPY", "2026-11-01", "0.0066666667")],
            all.GetProperty("rates").EnumerateArray().Select(r => (r.GetProperty("currency").GetString(), r.GetProperty("date").GetString(), r.GetProperty("rate").GetString())));
        Assert.Equal(["2026-11-15"], euros.GetProperty("rates").EnumerateArray().Select(r => r.GetProperty("date").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"api/v1/books/{book}/rates/JPY/2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync($"api/v1/books/{book}/rates/JPY/2026-11-01")).StatusCode);
        Assert.Equal(2, await RateCountAsync());
    }

    [Fact]
    public async Task A_bad_rate_is_named_by_its_place_and_nothing_is_written()
    {
        var shape = await ErrorsAsync(await PutAsync(
            """{"rates":[{"currency":"EUR","date":"2026-11-01","rate":"1.08"},{"currency":"XYZ","date":"2026-13-01","rate":"1.2"},{"currency":"GBP","date":"2026-11-01","rate":"0"},{"currency":"CHF","date":"2026-11-01","rate":1.1},{"currency":"CAD","date":"2026-11-01"},"no"]}"""));
        var own = await ErrorsAsync(await PutAsync("""{"rates":[{"currency":"EUR","date":"2026-11-01","rate":"1.08"},{"currency":"usd","date":"2026-11-01","rate":"1"}]}"""));
        var none = await ErrorsAsync(await PutAsync("""{"rates":[]}"""));

        Assert.Equal(["rates[1].currency", "rates[1].date", "rates[2].rate", "rates[3].rate", "rates[4].rate", "rates[5]"],
            shape.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("more than zero", shape.GetProperty("rates[2].rate")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("own currency", own.GetProperty("rates[1].currency")[0].GetString(), StringComparison.Ordinal);
        Assert.True(none.TryGetProperty("rates", out _));
        Assert.Equal(0, await RateCountAsync());
    }

    [Fact]
    public async Task Read_tokens_viewers_and_outsiders_cannot_change_rates()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("""{"rates":[{"currency":"EUR","date":"2026-11-01","rate":"1.08"}]}""")).StatusCode);
        var vera = await App.CreateUserAsync("vera@example.com");
        await App.WithDbAsync(async db =>
        {
            db.BookMembers.Add(new BookMember { BookId = book, UserId = vera.Id, Role = BookRole.Viewer, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var viewer = App.NewApiClient(await App.CreateTokenAsync(new Actor(vera.Id), ApiScopes.Write));
        using var outsider = App.NewApiClient(await App.CreateTokenAsync(new Actor((await App.CreateUserAsync("olga@example.com")).Id), ApiScopes.Write));
        const string change = """{"rates":[{"currency":"EUR","date":"2026-11-01","rate":"2"}]}""";

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(change, reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(change, viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"api/v1/books/{book}/rates/EUR/2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(change, outsider)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"api/v1/books/{book}/rates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"api/v1/books/{book}/rates")).StatusCode);
        Assert.Equal(1.08m, await App.WithDbAsync(db => db.ExchangeRates.Select(r => r.Rate).SingleAsync()));
    }

    [Fact]
    public async Task Reports_in_base_convert_with_the_rate_and_say_which_and_without_it_stay_as_they_were()
    {
        var cash = await AccountAsync("Euro cash", "Asset", "EUR");
        var food = await AccountAsync("Euro food", "Expense", "EUR");
        await AccountAsync("Pound cash", "Asset", "GBP");
        var post = await writer.PostAsJsonAsync($"api/v1/books/{book}/transactions", new
        {
            date = "2026-02-10", description = "Bakery", postings = new object[] { new { accountId = food, amount = "10.01" }, new { accountId = cash, amount = "-10.01" } },
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("""{"rates":[{"currency":"EUR","date":"2026-02-01","rate":"1.25"},{"currency":"EUR","date":"2026-03-01","rate":"2"}]}""")).StatusCode);

        var converted = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/income-statement?from=2026-02-01&to=2026-02-28&in=base");
        var plain = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/income-statement?from=2026-02-01&to=2026-02-28");
        var sheet = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/balance-sheet?at=2026-02-28&in=base");
        var worth = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/net-worth?from=2026-02-01&to=2026-03-31&in=base");
        var bad = await reader.GetAsync($"api/v1/books/{book}/reports/balance-sheet?at=2026-02-28&in=EUR");

        var usd = converted.GetProperty("currencies")[0];
        // 10.01 EUR × 1.25 = 12.5125 → 12.51 (the rate of 1 March is later than the period).
        Assert.Equal(("USD", 12_51L, "12.51"), (usd.GetProperty("currency").GetString(), usd.GetProperty("expensesMinor").GetInt64(), usd.GetProperty("expenses").GetString()));
        var from = usd.GetProperty("accounts")[0].GetProperty("convertedFrom");
        Assert.Equal(("EUR", 10_01L, "1.25", "2026-02-01"), (from.GetProperty("currency").GetString(), from.GetProperty("amountMinor").GetInt64(),
            from.GetProperty("rate").GetString(), from.GetProperty("rateDate").GetString()));
        Assert.Equal("1.25", converted.GetProperty("conversion").GetProperty("rates")[0].GetProperty("rate").GetString());
        Assert.False(plain.TryGetProperty("conversion", out _));
        Assert.False(plain.GetProperty("currencies")[0].GetProperty("accounts")[0].TryGetProperty("convertedFrom", out _));
        Assert.Equal("EUR", plain.GetProperty("currencies")[0].GetProperty("currency").GetString());
        Assert.Equal(["GBP"], sheet.GetProperty("conversion").GetProperty("unconverted").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["USD", "GBP"], sheet.GetProperty("currencies").EnumerateArray().Select(c => c.GetProperty("currency").GetString()));
        Assert.True(sheet.GetProperty("currencies")[0].GetProperty("balances").GetBoolean());
        // -10.01 EUR at 1.25 at the end of February, at 2 at the end of March.
        Assert.Equal([-12_51L, -20_02L], worth.GetProperty("points").EnumerateArray()
            .Select(p => p.GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "USD").GetProperty("netWorthMinor").GetInt64()));
        Assert.True((await ErrorsAsync(bad)).TryGetProperty("in", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_rates_and_in_base()
    {
        var document = await App.NewBrowser().GetStringAsync("openapi/v1.json");

        Assert.Contains("/api/v1/books/{bookId}/rates/{currency}/{date}", document, StringComparison.Ordinal);
        Assert.Contains("in=base", document, StringComparison.Ordinal);
        Assert.Contains("halves to even", document, StringComparison.Ordinal);
        Assert.Contains("ApiSetRates", document, StringComparison.Ordinal);
    }
}
