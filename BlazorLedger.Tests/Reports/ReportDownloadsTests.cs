using System.Net;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reports;

/// <summary>The reports page's CSV downloads over HTTP, with the browser's cookie.</summary>
public sealed class ReportDownloadsTests : AppHostTest
{
    private const string Alice = "alice@example.com";
    private Guid book;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync(Alice);
        var actor = new Actor(user.Id);
        book = await App.WithDbAsync(db => Task.FromResult(db.BookMembers.Single(m => m.UserId == user.Id).BookId));
        await App.WithScopeAsync(async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            async Task<Guid> AccountAsync(string name, AccountType type, string currency = "EUR") =>
                (await accounts.CreateAsync(actor, new CreateAccount(book, name, null, type, currency))).Value!.Id;
            var (cash, food, pay, formula, dollars) = (await AccountAsync("Cash", AccountType.Asset), await AccountAsync("Food", AccountType.Expense),
                await AccountAsync("Pay", AccountType.Income), await AccountAsync("=SUM(A1)", AccountType.Expense), await AccountAsync("Dollars", AccountType.Asset, "USD"));
            var dollarPay = await AccountAsync("Dollar pay", AccountType.Income, "USD");
            var postings = services.GetRequiredService<PostingService>();
            foreach (var (date, debit, credit, amount) in new[]
            {
                (new DateOnly(2026, 2, 27), cash, pay, 1_000_00L), (new DateOnly(2026, 2, 28), food, cash, 40_00L),
                (new DateOnly(2026, 3, 2), food, cash, 50_00L), (new DateOnly(2026, 3, 3), formula, cash, 1_25L),
                (new DateOnly(2026, 3, 4), dollars, dollarPay, 12_345_67L),
            })
            {
                var posted = await postings.PostAsync(actor, new PostTransaction(book, date, "Item", null, [new PostingLine(debit, amount), new PostingLine(credit, -amount)]));
                Assert.True(posted.Succeeded, posted.Message);
            }
            return 0;
        });
    }

    private static async Task<string[]> CsvAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Each_report_downloads_as_csv_with_exact_amounts_and_a_currency_column()
    {
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, Alice, AppHost.UserPassword);

        var income = await CsvAsync(browser, $"books/{book}/reports/income-statement.csv?from=2026-03-01&to=2026-03-31&compareFrom=2026-02-01&compareTo=2026-02-28");
        var sheet = await CsvAsync(browser, $"books/{book}/reports/balance-sheet.csv?at=2026-03-31");
        var worth = await CsvAsync(browser, $"books/{book}/reports/net-worth.csv?from=2026-02-01&to=2026-03-31&interval=month");
        var spending = await CsvAsync(browser, $"books/{book}/reports/spending.csv?from=2026-03-01&to=2026-03-31");

        Assert.Equal("Currency,Section,Account,Code,Amount,Compared,Change,ChangePercent", income[0]);
        Assert.Contains("EUR,Expenses,Food,,50.00,40.00,10.00,25.0", income);
        Assert.Contains("EUR,Expenses,'=SUM(A1),,1.25,0.00,1.25,", income);
        Assert.Contains("EUR,Income,Pay,,0.00,1000.00,-1000.00,-100.0", income);
        Assert.Contains("EUR,Total,Net income,,-51.25,960.00,-1011.25,-105.3", income);
        Assert.Contains("USD,Income,Dollar pay,,12345.67,0.00,12345.67,", income);
        Assert.Equal("Currency,Section,Account,Code,Amount", sheet[0]);
        Assert.Contains("EUR,Assets,Cash,,908.75", sheet);
        Assert.Contains("EUR,Total,Retained earnings,,908.75", sheet);
        Assert.Contains("USD,Total,\"Liabilities, equity and retained earnings\",,12345.67", sheet);
        Assert.Equal(["From,To,Currency,NetWorth,Income,Expenses", "2026-02-01,2026-02-28,EUR,960.00,1000.00,40.00", "2026-02-01,2026-02-28,USD,0.00,0.00,0.00",
            "2026-03-01,2026-03-31,EUR,908.75,0.00,51.25", "2026-03-01,2026-03-31,USD,12345.67,12345.67,0.00"], worth);
        Assert.Equal(["Currency,Section,Account,Code,Amount", "EUR,Expenses,Food,,50.00", "EUR,Expenses,'=SUM(A1),,1.25", "EUR,Expenses,Total expenses,,51.25"], spending);
    }

    [Fact]
    public async Task Bad_requests_are_refused_and_strangers_get_nothing()
    {
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, Alice, AppHost.UserPassword);
        await App.CreateUserAsync("bob@example.com");
        using var bob = App.NewBrowser();
        await AppHost.SignInAsync(bob, "bob@example.com", AppHost.UserPassword);
        using var anonymous = App.NewBrowser();

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"books/{book}/reports/income-statement.csv?from=2026-03-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"books/{book}/reports/income-statement.csv?from=2026-03-31&to=2026-03-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"books/{book}/reports/net-worth.csv?from=2026-03-01&to=2026-03-31&interval=daily")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"books/{book}/reports/balance-sheet.csv?at=31.03.2026")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"books/{book}/reports/cash-flow.csv?from=2026-03-01&to=2026-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"books/{book}/reports/balance-sheet.csv?at=2026-03-31")).StatusCode);
        var refused = await anonymous.GetAsync($"books/{book}/reports/balance-sheet.csv?at=2026-03-31");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}
