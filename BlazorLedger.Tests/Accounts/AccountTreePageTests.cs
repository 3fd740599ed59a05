using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Tests.Infrastructure;
using Bunit;

namespace BlazorLedger.Tests.Accounts;

/// <summary>Parents and opening balances on the chart of accounts and in the account dialog.</summary>
public sealed class AccountTreePageTests : LedgerComponentTest
{
    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<AccountsPage>());
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=loading]")));
        return host;
    }

    private async Task<Guid> CreateAsync(string name, Guid? parent = null, string currency = "USD")
    {
        var result = await Ledger.Accounts.CreateAsync(User.Actor, new CreateAccount(User.BookId, name, null, AccountType.Asset, currency, parent));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!.Id;
    }

    [Fact]
    public async Task The_chart_shows_sub_accounts_indented_under_their_parent_with_roll_ups_per_currency()
    {
        var bank = await CreateAsync("Bank");
        var checking = await CreateAsync("Checking", bank);
        var joint = await CreateAsync("Joint", checking);
        var euro = await CreateAsync("Euro account", bank, "EUR");
        await CreateAsync("Wallet");
        var salary = await Ledger.CreateAccountAsync(User, "Salary", AccountType.Income);
        var euroSalary = await Ledger.CreateAccountAsync(User, "Euro salary", AccountType.Income, "EUR");
        await Ledger.TransferAsync(User, salary, checking, 100_00);
        await Ledger.TransferAsync(User, salary, joint, 25_50);
        await Ledger.TransferAsync(User, euroSalary, euro, 7_00);

        var host = RenderPage();

        var rows = host.FindAll("[data-testid=group-Asset] [data-testid=account-row]");
        Assert.Equal([("Bank", "0"), ("Checking", "1"), ("Joint", "2"), ("Euro account", "1"), ("Wallet", "0")],
            rows.Select(r => (r.QuerySelector("[data-testid=account-link]")!.TextContent.Trim(), r.GetAttribute("data-depth"))));
        var bankRow = rows[0];
        Assert.Equal("USD 125.50", bankRow.QuerySelector("[data-testid=rollup-USD]")!.TextContent.Trim());
        Assert.Equal("EUR 7.00", bankRow.QuerySelector("[data-testid=rollup-EUR]")!.TextContent.Trim());
        Assert.Equal("USD 125.50", rows[1].QuerySelector("[data-testid=rollup-USD]")!.TextContent.Trim());
        Assert.Empty(rows[2].QuerySelectorAll("[data-testid^=rollup-]"));
        // Each account counts once in the type's total.
        Assert.Contains("125.50", host.Find("[data-testid=total-Asset-USD]").TextContent);
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_new_account_gets_a_parent_of_its_type_and_an_opening_balance_from_the_dialog()
    {
        var bank = await CreateAsync("Bank");
        await Ledger.CreateAccountAsync(User, "Groceries", AccountType.Expense);
        var host = RenderPage();

        host.ByTestId("new-account").Click();
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
        host.Type("account-name", "Checking");
        host.Find("[data-testid=account-parent]").MouseDown();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".mud-popover-open .mud-list-item")));
        // Only accounts of the chosen type can be parents.
        Assert.Equal(["Bank"], host.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()));
        host.FindAll(".mud-popover-open .mud-list-item").Single().Click();
        host.Type("account-opening-balance", "1,250.50");
        host.ByTestId("save").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=account-dialog]")));
        var created = (await Ledger.Accounts.ListAsync(User.Actor, User.BookId)).Value!.Single(a => a.Name == "Checking");
        Assert.Equal((bank, 1_250_50L), (created.ParentId, created.Balance));
        host.WaitForAssertion(() => Assert.Contains("Opening balances", host.ByTestId("group-Equity").TextContent));
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task An_opening_balance_with_too_many_decimals_is_shown_on_its_field_and_nothing_is_saved()
    {
        var host = RenderPage();
        var before = await Ledger.SnapshotAsync();

        host.ByTestId("new-account").Click();
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
        host.Type("account-name", "Checking");
        host.Type("account-opening-balance", "12.345");
        host.ByTestId("save").Click();

        host.WaitForAssertion(() => Assert.Contains("USD allows at most 2 decimal places", host.Markup));
        Assert.NotNull(host.ByTestId("account-dialog"));
        Assert.Empty((await Ledger.Accounts.ListAsync(User.Actor, User.BookId)).Value!);
        Assert.Equal(before, await Ledger.SnapshotAsync());
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("31/31/2020")]
    public async Task An_opening_date_the_dialog_cannot_read_is_refused_and_never_posted_as_today(string typed)
    {
        var host = RenderPage();
        var before = await Ledger.SnapshotAsync();

        host.ByTestId("new-account").Click();
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
        host.Type("account-name", "Checking");
        host.Type("account-opening-balance", "100");
        host.Type("account-opening-date", typed);
        host.ByTestId("save").Click();

        host.WaitForAssertion(() => Assert.Contains("Enter the date as yyyy-mm-dd, or leave it empty for today.", host.Markup));
        Assert.NotNull(host.ByTestId("account-dialog"));
        Assert.Equal(before, await Ledger.SnapshotAsync());
    }

    [Fact]
    public async Task Editing_offers_neither_the_account_itself_nor_its_sub_accounts_as_parent()
    {
        var bank = await CreateAsync("Bank");
        await CreateAsync("Checking", bank);
        await CreateAsync("Savings");
        var host = RenderPage();

        var row = host.FindAll("[data-testid=account-row]").Single(r => r.QuerySelector("[data-testid=account-link]")!.TextContent.Trim() == "Bank");
        row.QuerySelector("[data-testid=account-actions] button")!.Click();
        host.WaitForAssertion(() => host.FindAll("[data-testid=edit-account]").Single().Click());
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
        Assert.Empty(host.FindAll("[data-testid=account-opening-balance]"));
        host.Find("[data-testid=account-parent]").MouseDown();

        host.WaitForAssertion(() => Assert.Equal(["Savings"], host.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
    }
}
