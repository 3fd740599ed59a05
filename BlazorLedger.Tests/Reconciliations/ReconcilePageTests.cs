using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Reconciliations;

public sealed class ReconcilePageTests : LedgerComponentTest
{
    private Guid checking, salary, rent;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        checking = await Ledger.CreateAccountAsync(User, "Checking");
        salary = await Ledger.CreateAccountAsync(User, "Salary", AccountType.Income);
        rent = await Ledger.CreateAccountAsync(User, "Rent", AccountType.Expense);
        var today = DateOnly.FromDateTime(DateTime.Today);
        await Ledger.TransferAsync(User, salary, checking, 100_00, today.AddDays(-10), "Pay");
        await Ledger.TransferAsync(User, checking, rent, 30_00, today.AddDays(-5), "Rent");
    }

    private IRenderedComponent<WithProviders> RenderRegister()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<AccountRegisterPage>(r => r.Add(x => x.AccountId, checking)));
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=register-row]").Count));
        return host;
    }

    private static void StartReconciling(IRenderedComponent<WithProviders> host, string balance)
    {
        host.ByTestId("reconcile").Click();
        host.Type("reconcile-balance", balance);
        host.WaitForAssertion(() => Assert.False(host.ByTestId("reconcile-start").HasAttribute("disabled")));
        host.ByTestId("reconcile-start").Click();
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=reconcile-item]").Count));
    }

    private static void TickAll(IRenderedComponent<WithProviders> host)
    {
        for (var i = 0; i < 2; i++)
        {
            host.FindAll("[data-testid=reconcile-item] input[type=checkbox]")[i].Change(true);
        }
    }

    [Fact]
    public async Task Ticking_the_statements_postings_brings_the_difference_to_zero_and_finishing_marks_them_reconciled()
    {
        var host = RenderRegister();
        StartReconciling(host, "70.00");

        Assert.Equal("70.00", host.ByTestId("reconcile-difference").TextContent.Trim());
        Assert.True(host.ByTestId("reconcile-finish").HasAttribute("disabled"));
        host.FindAll("[data-testid=reconcile-item] input[type=checkbox]")[0].Change(true);
        host.WaitForAssertion(() => Assert.Equal("100.00", host.ByTestId("reconcile-cleared").TextContent.Trim()));
        Assert.Equal("-30.00", host.ByTestId("reconcile-difference").TextContent.Trim());
        Assert.True(host.ByTestId("reconcile-finish").HasAttribute("disabled"));
        host.FindAll("[data-testid=reconcile-item] input[type=checkbox]")[1].Change(true);
        host.WaitForAssertion(() => Assert.Equal("0.00", host.ByTestId("reconcile-difference").TextContent.Trim()));

        host.ByTestId("reconcile-finish").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=reconcile-panel]")));
        host.WaitForAssertion(() => Assert.Equal(["R", "R"], host.FindAll("[data-testid=register-state]").Select(c => c.TextContent.Trim())));
        Assert.Equal("70.00", host.ByTestId("reconciliation-balance").TextContent.Trim());
        await using var db = await Ledger.DbAsync();
        Assert.Equal(2, await db.Postings.CountAsync(p => p.AccountId == checking && p.State == PostingState.Reconciled));
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_remaining_difference_is_finished_only_with_an_adjustment_account()
    {
        var host = RenderRegister();
        StartReconciling(host, "65.00");
        TickAll(host);
        host.WaitForAssertion(() => Assert.Equal("-5.00", host.ByTestId("reconcile-difference").TextContent.Trim()));
        Assert.True(host.ByTestId("reconcile-finish").HasAttribute("disabled"));

        host.Choose("reconcile-adjustment", "Rent");
        host.WaitForAssertion(() => Assert.False(host.ByTestId("reconcile-finish").HasAttribute("disabled")));
        host.ByTestId("reconcile-finish").Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=reconciliation-adjustment]")));
        Assert.Equal(65_00, await Ledger.BalanceAsync(checking));
        Assert.Equal(35_00, await Ledger.BalanceAsync(rent));
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_click_on_a_rows_mark_clears_the_posting_another_unclears_it_and_reconciling_starts_with_it_ticked()
    {
        var host = RenderRegister();
        Assert.Equal(["Uncleared", "Uncleared"], host.FindAll("[data-testid=register-clear]").Select(c => c.GetAttribute("data-state")));

        host.FindAll("[data-testid=register-clear]")[1].Click();

        host.WaitForAssertion(() => Assert.Equal(["Uncleared", "Cleared"], host.FindAll("[data-testid=register-clear]").Select(c => c.GetAttribute("data-state"))));
        await using (var db = await Ledger.DbAsync())
        {
            var pay = await db.Postings.SingleAsync(p => p.AccountId == checking && p.Amount == 100_00);
            Assert.Equal(PostingState.Cleared, pay.State);
        }
        StartReconciling(host, "100.00");
        Assert.Equal("0.00", host.ByTestId("reconcile-difference").TextContent.Trim());
        host.ByTestId("reconcile-finish").Click();
        host.WaitForAssertion(() => Assert.Equal(["R"], host.FindAll("[data-testid=register-state]").Select(c => c.TextContent.Trim())));

        // The reconciled posting has no toggle any more; the other one still has, and a click unclears what was cleared.
        var rentMark = Assert.Single(host.FindAll("[data-testid=register-clear]"));
        rentMark.Click();
        host.WaitForAssertion(() => Assert.Equal("Cleared", host.ByTestId("register-clear").GetAttribute("data-state")));
        host.ByTestId("register-clear").Click();
        host.WaitForAssertion(() => Assert.Equal("Uncleared", host.ByTestId("register-clear").GetAttribute("data-state")));
        await Ledger.AssertInvariantsAsync();
    }
}
