using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Accounts;

/// <summary>The chart of accounts' create, edit and archive actions, through the page as a user drives it.</summary>
public sealed class AccountDialogTests : LedgerComponentTest
{
    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<AccountsPage>());
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=loading]")));
        return host;
    }

    private static void OpenEdit(IRenderedComponent<WithProviders> host, string accountName)
    {
        var row = host.FindAll("[data-testid=account-row]").Single(r => r.TextContent.Contains(accountName));
        row.QuerySelector("[data-testid=account-actions] button")!.Click();
        host.WaitForAssertion(() => host.FindAll("[data-testid=edit-account]").Single().Click());
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
    }

    [Fact]
    public async Task A_new_account_is_created_from_the_dialog_and_listed()
    {
        var host = RenderPage();

        host.ByTestId("new-account").Click();
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
        host.Type("account-name", "Groceries");
        host.Type("account-code", "5020");
        host.Choose("account-type", "Expense");
        host.ByTestId("save").Click();

        host.WaitForAssertion(() => Assert.Contains("Groceries", host.ByTestId("group-Expense").TextContent));
        Assert.Empty(host.FindAll("[data-testid=account-dialog]"));
        var created = Assert.Single((await Ledger.Accounts.ListAsync(User.Actor, User.BookId)).Value!);
        Assert.Equal(("Groceries", "5020", AccountType.Expense, "USD"), (created.Name, created.Code, created.Type, created.Currency));
    }

    [Fact]
    public async Task A_duplicate_name_is_shown_on_the_field_and_nothing_is_saved()
    {
        await Ledger.CreateAccountAsync(User, "Cash");
        var host = RenderPage();

        host.ByTestId("new-account").Click();
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));
        host.Type("account-name", "cash");
        host.ByTestId("save").Click();

        host.WaitForAssertion(() => Assert.Contains("An account named \"cash\" already exists in this book.", host.Markup));
        Assert.NotNull(host.ByTestId("account-dialog"));
        Assert.Single((await Ledger.Accounts.ListAsync(User.Actor, User.BookId)).Value!);
    }

    [Fact]
    public async Task A_stale_edit_shows_the_other_version_and_lets_the_user_take_it_or_overwrite()
    {
        var id = await Ledger.CreateAccountAsync(User, "Cash");
        var host = RenderPage();
        OpenEdit(host, "Cash");
        host.Type("account-name", "Petty cash");

        // Someone else saves first.
        var theirs = (await Ledger.Accounts.GetAsync(User.Actor, User.BookId, id)).Value!;
        await Ledger.Accounts.UpdateAsync(User.Actor, new UpdateAccount(User.BookId, id, theirs.Version, "Wallet", "1000", AccountType.Asset, "USD"));
        host.ByTestId("save").Click();

        host.WaitForAssertion(() => Assert.Contains("changed by someone else", host.ByTestId("conflict").TextContent));
        Assert.Contains("Wallet · 1000", host.ByTestId("conflict-values").TextContent);
        Assert.Equal("Wallet", (await Ledger.Accounts.GetAsync(User.Actor, User.BookId, id)).Value!.Name);

        host.ByTestId("overwrite").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=account-dialog]")));
        Assert.Equal("Petty cash", (await Ledger.Accounts.GetAsync(User.Actor, User.BookId, id)).Value!.Name);
    }

    [Fact]
    public async Task Taking_the_other_version_loads_it_into_the_form()
    {
        var id = await Ledger.CreateAccountAsync(User, "Cash");
        var host = RenderPage();
        OpenEdit(host, "Cash");
        var theirs = (await Ledger.Accounts.GetAsync(User.Actor, User.BookId, id)).Value!;
        await Ledger.Accounts.UpdateAsync(User.Actor, new UpdateAccount(User.BookId, id, theirs.Version, "Wallet", null, AccountType.Asset, "USD"));
        host.Type("account-name", "Mine");
        host.ByTestId("save").Click();
        host.WaitForAssertion(() => host.ByTestId("conflict"));

        host.ByTestId("use-theirs").Click();

        host.WaitForAssertion(() => Assert.Equal("Wallet", host.Find("input[data-testid=account-name]").GetAttribute("value")));
        Assert.Empty(host.FindAll("[data-testid=conflict]"));
    }

    [Fact]
    public async Task Archiving_an_account_with_a_balance_is_refused_with_the_reason()
    {
        var cash = await Ledger.CreateAccountAsync(User, "Cash");
        var food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        await Ledger.TransferAsync(User, cash, food, 5_00);
        var host = RenderPage();

        var row = host.FindAll("[data-testid=account-row]").Single(r => r.TextContent.Contains("Cash"));
        row.QuerySelector("[data-testid=account-actions] button")!.Click();
        host.WaitForAssertion(() => host.FindAll("[data-testid=archive-account]").Single().Click());

        host.WaitForAssertion(() => Assert.Contains("Only an account with a zero balance can be archived", host.Find(".mud-snackbar").TextContent));
        Assert.False((await Ledger.Accounts.GetAsync(User.Actor, User.BookId, cash)).Value!.Archived);
    }

    [Fact]
    public async Task A_viewer_sees_balances_but_no_controls_to_change_them()
    {
        await Ledger.CreateAccountAsync(User, "Cash");
        var viewer = await Ledger.CreateUserAsync("victor");
        await Ledger.AddMemberAsync(User.BookId, viewer, BookRole.Viewer);
        SignIn(viewer, "victor");
        Services.GetRequiredService<BlazorLedger.Features.Books.CurrentBook>().PreferredId = User.BookId;

        var host = RenderPage();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=account-row]")));
        Assert.Empty(host.FindAll("[data-testid=new-account]"));
        Assert.Empty(host.FindAll("[data-testid=account-actions]"));
    }
}
