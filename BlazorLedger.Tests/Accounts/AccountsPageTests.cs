using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Features.Users;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Accounts;

public sealed class AccountsPageTests : LedgerComponentTest
{
    [Fact]
    public async Task The_chart_of_accounts_shows_each_type_with_balances_and_totals_per_currency()
    {
        var checking = await Ledger.CreateAccountAsync(User, "Checking");
        var card = await Ledger.CreateAccountAsync(User, "Credit card", AccountType.Liability);
        var salary = await Ledger.CreateAccountAsync(User, "Salary", AccountType.Income);
        var rent = await Ledger.CreateAccountAsync(User, "Rent", AccountType.Expense);
        var yen = await Ledger.CreateAccountAsync(User, "Yen wallet", currency: "JPY");
        var travel = await Ledger.CreateAccountAsync(User, "Travel", AccountType.Expense, "JPY");
        await Ledger.TransferAsync(User, salary, checking, 4_850_00);
        await Ledger.TransferAsync(User, checking, rent, 1_650_00);
        await Ledger.TransferAsync(User, card, rent, 12_34);
        await Ledger.TransferAsync(User, yen, travel, 1500);

        var page = Render<AccountsPage>();

        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=account-row]").Count));
        Assert.Equal($"books/{User.BookId}/export?format=hledger", page.ByTestId("export-journal").GetAttribute("href"));
        Assert.Equal($"books/{User.BookId}/export?format=beancount", page.ByTestId("export-beancount").GetAttribute("href"));
        Assert.Equal(["Assets", "Liabilities", "Income", "Expenses"],
            page.FindAll("[data-testid^=group-] > h6").Select(h => h.TextContent.Trim()));
        var balances = page.FindAll("[data-testid=account-row]")
            .ToDictionary(r => r.Children[1].TextContent.Trim(), r => r.QuerySelector("[data-testid=account-balance]")!.TextContent);
        Assert.Equal("3,200.00", balances["Checking"]);
        Assert.Equal("-1,500", balances["Yen wallet"]);
        Assert.Equal("12.34", balances["Credit card"]); // what the card owes, shown positive
        Assert.Equal("4,850.00", balances["Salary"]);
        Assert.Equal("1,662.34", balances["Rent"]);
        Assert.Contains("1,662.34", page.Find("[data-testid=total-Expense-USD]").TextContent);
        Assert.Contains("1,500", page.Find("[data-testid=total-Expense-JPY]").TextContent);
        Assert.Contains("alice's book", page.Find("[data-testid=book-name]").TextContent);
    }

    [Fact]
    public async Task A_swiss_reader_sees_balances_and_totals_in_their_own_format()
    {
        Services.GetRequiredService<UserFormat>().Use("de-CH");
        var checking = await Ledger.CreateAccountAsync(User, "Checking");
        var rent = await Ledger.CreateAccountAsync(User, "Rent", AccountType.Expense);
        await Ledger.TransferAsync(User, checking, rent, 1_234_56);

        var page = Render<AccountsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=account-row]").Count));
        Assert.Equal(["-1\u2019234.56", "1\u2019234.56"], page.FindAll("[data-testid=account-balance]").Select(b => b.TextContent));
        Assert.Contains("1\u2019234.56", page.Find("[data-testid=total-Expense-USD]").TextContent);
    }

    [Fact]
    public void A_book_without_accounts_explains_what_accounts_are()
    {
        var page = Render<AccountsPage>();

        page.WaitForAssertion(() => Assert.Contains("No accounts yet", page.Find("[data-testid=empty-accounts]").TextContent));
    }

    [Fact]
    public async Task Balances_update_live_when_a_transaction_is_posted_elsewhere()
    {
        var cash = await Ledger.CreateAccountAsync(User, "Cash");
        var food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        var page = Render<AccountsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=account-row]").Count));

        await Ledger.TransferAsync(User, cash, food, 9_99);

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=account-balance]"), b => b.TextContent == "9.99"));
    }

    [Fact]
    public async Task Another_users_accounts_never_appear()
    {
        var bob = await Ledger.CreateUserAsync("bob");
        await Ledger.CreateAccountAsync(bob, "Bob's secret account");

        var page = Render<AccountsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-accounts]")));
        Assert.DoesNotContain("secret", page.Markup);
    }
}
