using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorLedger.Tests.Browser;

/// <summary>Each report in a real Chromium on a book with half a year of transactions, on a laptop and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(SharedChromium chromium) : IAsyncLifetime
{
    private const string Email = "rita@example.com";
    private readonly BrowserApp browser = new(chromium, DatabaseProvider.Sqlite);
    private DateOnly firstMonth, lastMonthEnd;

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        await browser.CreateUserAsync(Email, "Rita");
        var actor = await browser.App.ActorAsync(Email);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        firstMonth = thisMonth.AddMonths(-6);
        lastMonthEnd = thisMonth.AddDays(-1);
        await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            async Task<Guid> AccountAsync(string name, AccountType type, string currency = "USD") =>
                (await accounts.CreateAsync(actor, new CreateAccount(book, name, null, type, currency))).Value!.Id;
            var checking = await AccountAsync("Checking", AccountType.Asset);
            var savings = await AccountAsync("Savings", AccountType.Asset);
            var card = await AccountAsync("Credit card", AccountType.Liability);
            var opening = await AccountAsync("Opening balances", AccountType.Equity);
            var salary = await AccountAsync("Salary", AccountType.Income);
            var interest = await AccountAsync("Interest", AccountType.Income);
            var rent = await AccountAsync("Rent", AccountType.Expense);
            var groceries = await AccountAsync("Groceries", AccountType.Expense);
            var dining = await AccountAsync("Dining out", AccountType.Expense);
            var utilities = await AccountAsync("Utilities", AccountType.Expense);
            var euros = await AccountAsync("Euro account", AccountType.Asset, "EUR");
            var eurOpening = await AccountAsync("Euro opening", AccountType.Equity, "EUR");
            var holiday = await AccountAsync("Holiday", AccountType.Expense, "EUR");
            var postings = s.GetRequiredService<PostingService>();
            async Task PostAsync(DateOnly date, string description, Guid to, Guid from, long amount)
            {
                var result = await postings.PostAsync(actor, new PostTransaction(book, date, description, null, [new PostingLine(to, amount), new PostingLine(from, -amount)]));
                Assert.True(result.Succeeded, result.Message);
            }
            await PostAsync(firstMonth, "Opening balance", checking, opening, 4_000_00);
            await PostAsync(firstMonth, "Opening balance", euros, eurOpening, 1_500_00);
            for (var m = 0; m < 6; m++)
            {
                var month = firstMonth.AddMonths(m);
                await PostAsync(month.AddDays(0), "Salary", checking, salary, 3_200_00 + m * 50_00);
                await PostAsync(month.AddDays(1), "Rent", rent, checking, 1_150_00);
                await PostAsync(month.AddDays(4), "Supermarket", groceries, card, 310_00 + m % 3 * 45_20);
                await PostAsync(month.AddDays(9), "Power and water", utilities, checking, 142_35 + m * 6_10);
                await PostAsync(month.AddDays(13), "Dinner", dining, card, 64_80 + m % 2 * 38_50);
                await PostAsync(month.AddDays(20), "Card payment", card, checking, 380_00);
                await PostAsync(month.AddDays(24), "To savings", savings, checking, 600_00);
                await PostAsync(month.AddDays(27), "Interest", savings, interest, 4_10 + m * 55);
            }
            await PostAsync(firstMonth.AddMonths(4).AddDays(11), "Lisbon", holiday, euros, 640_00);
            return 0;
        });
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task OpenAsync(IPage page, string query)
    {
        await page.GotoAsync("reports?" + query);
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=loading]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Exchange_rates_are_entered_on_their_page_and_a_report_shows_in_the_base_currency()
    {
        var actor = await browser.App.ActorAsync(Email);
        await browser.App.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var set = await s.GetRequiredService<BlazorLedger.Features.Rates.ExchangeRateService>().SetAsync(actor, new BlazorLedger.Features.Rates.SetRates(book,
                [new("EUR", firstMonth, 1.0712m), new("EUR", firstMonth.AddMonths(3), 1.0934m)]));
            Assert.True(set.Succeeded, set.Message);
            return 0;
        });
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, Email);
        await page.ClickAsync("[data-testid=nav-rates]");
        await Expect(page.Locator("[data-testid=rate-row]")).ToHaveCountAsync(2);

        await BrowserApp.ChooseAsync(page, "rate-currency", "EUR");
        await page.FillAsync("input[data-testid=rate-value]", "1.0842");
        await page.ClickAsync("[data-testid=rate-save]");
        await Expect(page.Locator("[data-testid=rate-row]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=rate-row] [data-testid=rate-cell]").First).ToHaveTextAsync("1.0842");
        await BrowserApp.ScreenshotAsync(page, "rates");

        await OpenAsync(page, $"report=balance-sheet&period=last-month&in=base");
        var usd = page.Locator("[data-testid=report-section][data-currency=USD]");
        await Expect(usd.Locator("[data-testid=report-line]", new() { HasTextString = "Euro account" }).Locator("[data-testid=converted-from]"))
            .ToContainTextAsync("1.0934");
        await Expect(page.Locator("[data-testid=report-conversion]")).ToContainTextAsync("EUR 1.0934");
        await Expect(usd.Locator("[data-testid=balance-check]")).ToContainTextAsync("Balances");
        await Expect(page.Locator("[data-testid=report-section][data-currency=EUR]")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "report-balance-in-base");

        await OpenAsync(page, $"report=net-worth&period=custom&from={Iso(firstMonth)}&to={Iso(lastMonthEnd)}&in=base");
        await Expect(usd.Locator("[data-testid=rates-used]").First).ToContainTextAsync("EUR 1.0712");
        await Expect(usd.Locator("[data-testid=networth-chart] svg").First).ToBeVisibleAsync();
        await Expect(usd.Locator("[data-testid=flows-chart] svg").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "report-networth-in-base");
    }

    [Fact]
    public async Task Each_report_shows_on_a_laptop_and_on_a_phone()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, Email);
        await page.ClickAsync("[data-testid=nav-reports]");
        await Expect(page.Locator("[data-testid=report-dates]")).ToBeVisibleAsync();

        // Last month against the month before: each line with its change.
        await BrowserApp.ChooseAsync(page, "report-period", "Last month");
        await BrowserApp.ChooseAsync(page, "report-compare", "Previous period");
        await Expect(page).ToHaveURLAsync(new Regex("period=last-month.*compare=previous|compare=previous.*period=last-month"));
        var usd = page.Locator("[data-testid=report-section][data-currency=USD]");
        await Expect(usd.Locator("[data-testid=report-line]", new() { HasTextString = "Groceries" }).Locator("[data-testid=change]")).Not.ToBeEmptyAsync();
        await Expect(usd.Locator("[data-testid=net-income] [data-testid=amount]")).ToHaveTextAsync(new Regex(@"^\d[\d,]*\.\d\d$"));
        await BrowserApp.ScreenshotAsync(page, "report-income");

        await page.ClickAsync(".mud-tab:has-text('Balance sheet')");
        await Expect(page.Locator("[data-testid=balance-check]")).ToHaveCountAsync(2);
        await Expect(usd.Locator("[data-testid=balance-check]")).ToContainTextAsync("Balances: assets = liabilities + equity + retained earnings");
        await Expect(page.Locator("[data-testid=report-dates]")).ToContainTextAsync("compared with");
        await BrowserApp.ScreenshotAsync(page, "report-balance");

        // A shared link opens the same report.
        var halfYear = $"report=net-worth&period=custom&from={Iso(firstMonth)}&to={Iso(lastMonthEnd)}";
        await OpenAsync(page, halfYear);
        await Expect(usd.Locator("[data-testid=networth-row]")).ToHaveCountAsync(6);
        await Expect(usd.Locator("[data-testid=networth-chart] svg").First).ToBeVisibleAsync();
        await Expect(usd.Locator("[data-testid=flows-chart] svg").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "report-networth");

        await page.ClickAsync(".mud-tab:has-text('Spending')");
        await Expect(usd.Locator("[data-testid=spending-chart] svg").First).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("report=spending"));
        await BrowserApp.ScreenshotAsync(page, "report-spending");

        var csv = await page.APIRequest.GetAsync((await page.Locator("[data-testid=report-csv]").GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("Currency,Section,Account,Code,Amount", await csv.TextAsync(), StringComparison.Ordinal);

        // Drill down: the account's register over the same half year.
        await usd.Locator("a[data-testid=report-account]", new() { HasTextString = "Groceries" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/[0-9a-f-]{{36}}\\?from={Iso(firstMonth)}&to={Iso(lastMonthEnd)}$"));
        await Expect(page.Locator("[data-testid=register-row]")).ToHaveCountAsync(6);
        await Expect(page.Locator("input[data-testid=register-from], [data-testid=register-from] input").First)
            .ToHaveValueAsync(firstMonth.ToString("M/d/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US")));

        // A phone: the page never scrolls sideways; wide tables scroll inside their paper.
        var phone = await browser.NewPageAsync(390, 844);
        await BrowserApp.SignInAsync(phone, Email);
        foreach (var (query, name) in new[] { ("period=last-month&compare=previous", "report-income-phone"), (halfYear, "report-networth-phone"),
            ("report=balance-sheet&period=last-month", "report-balance-phone"), ("report=spending&period=last-month", "report-spending-phone") })
        {
            await OpenAsync(phone, query);
            await Expect(phone.Locator("[data-testid=report-section]").First).ToBeVisibleAsync();
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways");
            await BrowserApp.ScreenshotAsync(phone, name);
        }
    }
}
