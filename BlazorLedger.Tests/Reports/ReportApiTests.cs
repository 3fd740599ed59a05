using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Reports;

/// <summary>The reports over the API, on a real Kestrel port with a read token.</summary>
public sealed class ReportApiTests : AppHostTest
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
        var cash = await AccountAsync("Cash", "Asset");
        var salary = await AccountAsync("Salary", "Income");
        var food = await AccountAsync("Food", "Expense");
        var card = await AccountAsync("Card", "Liability");
        await PostAsync("2026-01-31", salary, cash, "2500.00");
        await PostAsync("2026-02-01", cash, food, "40.25");
        await PostAsync("2026-02-02", card, food, "10.00");
    }

    public override async Task DisposeAsync()
    {
        writer.Dispose();
        reader.Dispose();
        await base.DisposeAsync();
    }

    private async Task<Guid> AccountAsync(string name, string type)
    {
        var response = await writer.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name, type, currency = "USD" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task PostAsync(string date, Guid from, Guid to, string amount)
    {
        var response = await writer.PostAsJsonAsync($"api/v1/books/{book}/transactions", new
        {
            date, description = "Entry", postings = new object[] { new { accountId = to, amount }, new { accountId = from, amount = "-" + amount } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_says_which_report_dates_are_required()
    {
        using var document = JsonDocument.Parse(await App.NewBrowser().GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        bool Required(string report, string name) => paths.GetProperty($"/api/v1/books/{{bookId}}/reports/{report}").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name)
            .TryGetProperty("required", out var required) && required.GetBoolean();

        Assert.True(Required("income-statement", "from") && Required("income-statement", "to"));
        Assert.True(Required("balance-sheet", "at"));
        Assert.True(Required("net-worth", "from") && Required("net-worth", "to"));
        Assert.False(Required("net-worth", "interval") || Required("balance-sheet", "in"));
    }

    [Fact]
    public async Task The_income_statement_balance_sheet_and_net_worth_come_in_natural_signs()
    {
        var statement = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/income-statement?from=2026-02-01&to=2026-02-28");
        var sheet = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/balance-sheet?at=2026-02-28");
        var worth = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/reports/net-worth?from=2026-01-01&to=2026-02-28&interval=month");

        var usd = statement.GetProperty("currencies")[0];
        Assert.Equal(("0.00", 0L, "50.25", 50_25L, -50_25L), (usd.GetProperty("income").GetString(), usd.GetProperty("incomeMinor").GetInt64(),
            usd.GetProperty("expenses").GetString(), usd.GetProperty("expensesMinor").GetInt64(), usd.GetProperty("netIncomeMinor").GetInt64()));
        var balance = sheet.GetProperty("currencies")[0];
        Assert.Equal((2_459_75L, 10_00L, 0L, 2_449_75L, true), (balance.GetProperty("assetsMinor").GetInt64(), balance.GetProperty("liabilitiesMinor").GetInt64(),
            balance.GetProperty("equityMinor").GetInt64(), balance.GetProperty("retainedEarningsMinor").GetInt64(), balance.GetProperty("balances").GetBoolean()));
        var points = worth.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2026-01-31", "2026-02-28"], points.Select(p => p.GetProperty("date").GetString()));
        Assert.Equal([2_500_00L, 2_449_75L], points.Select(p => p.GetProperty("currencies")[0].GetProperty("netWorthMinor").GetInt64()));
    }

    [Theory]
    [InlineData("income-statement?from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("income-statement?from=2026-03-01&to=2026-02-01", "to")]
    [InlineData("balance-sheet", "at")]
    [InlineData("balance-sheet?at=9999-12-31", "at")]
    [InlineData("balance-sheet?at=1899-12-31", "at")]
    [InlineData("net-worth?from=2026-01-01&to=2026-02-01&interval=fortnight", "interval")]
    [InlineData("net-worth?from=1901-01-01&to=2026-02-01&interval=week", "interval")]
    public async Task Bad_parameters_are_named(string query, string field)
    {
        var response = await reader.GetAsync($"api/v1/books/{book}/reports/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out var messages));
        if (query.Contains("2026-02-30", StringComparison.Ordinal))
        {
            Assert.Equal("There is no day 2026-02-30 in the calendar: check the month and the day.", messages[0].GetString());
        }
    }

    [Fact]
    public async Task Another_users_book_is_not_found()
    {
        var other = await App.CreateUserAsync("olga@example.com");
        using var outsider = App.NewApiClient(await App.CreateTokenAsync(new Actor(other.Id), ApiScopes.Read));

        var response = await outsider.GetAsync($"api/v1/books/{book}/reports/balance-sheet?at=2026-02-28");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
