using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Hosting;

/// <summary>Names and descriptions people type are shown as text on every page, whatever markup they hold.</summary>
public sealed class HostileTextTests : LedgerComponentTest
{
    private const string Hostile = "<img src=x onerror=\"alert(1)\"><script>alert('x')</script> \"Q\" & Co\nline two";

    private async Task<TransactionDto> HostileBookAsync()
    {
        var bob = await Ledger.CreateUserAsync("bob");
        await Ledger.AddMemberAsync(User.BookId, bob, BookRole.Viewer);
        var cash = await Ledger.CreateAccountAsync(User, "Cash");
        var food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        var posted = await Ledger.TransferAsync(User, cash, food, 12_50);
        await using var db = await Ledger.DbAsync();
        await db.Books.Where(b => b.Id == User.BookId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, Hostile));
        await db.Accounts.Where(a => a.Id == food).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, Hostile));
        await db.Transactions.Where(t => t.Id == posted.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, Hostile));
        await db.Users.Where(u => u.Id == bob.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, Hostile));
        return posted;
    }

    private static void AssertShownAsText(IRenderedComponent<WithProviders> page)
    {
        Assert.Empty(page.FindAll("img[src=x], script"));
        Assert.Contains("<img src=x onerror=\"alert(1)\"><script>alert('x')</script> \"Q\" & Co", string.Concat(page.Nodes.Select(n => n.TextContent)));
    }

    [Fact]
    public async Task The_chart_of_accounts_shows_hostile_names_as_text()
    {
        await HostileBookAsync();

        var page = Render<WithProviders>(p => p.AddChildContent<AccountsPage>());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=account-row]").Count));
        AssertShownAsText(page);
    }

    [Fact]
    public async Task The_members_page_shows_a_hostile_display_name_as_text()
    {
        await HostileBookAsync();

        var page = Render<WithProviders>(p => p.AddChildContent<MembersPage>());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=member-row]").Count));
        AssertShownAsText(page);
    }

    [Fact]
    public async Task The_transaction_list_shows_a_hostile_description_as_text()
    {
        await HostileBookAsync();

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=transaction-row]")));
        AssertShownAsText(page);
    }

    [Fact]
    public async Task The_transaction_page_shows_a_hostile_description_as_text()
    {
        var posted = await HostileBookAsync();

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, posted.Id)));

        page.WaitForAssertion(() => page.Find("[data-testid=transaction-title]"));
        AssertShownAsText(page);
    }
}
