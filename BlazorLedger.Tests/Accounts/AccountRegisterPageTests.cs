using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Accounts;

public sealed class AccountRegisterPageTests : LedgerComponentTest
{
    private Guid checking, salary, rent;
    private static readonly DateOnly Start = new(2026, 1, 1);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        checking = await Ledger.CreateAccountAsync(User, "Checking");
        salary = await Ledger.CreateAccountAsync(User, "Salary", AccountType.Income);
        rent = await Ledger.CreateAccountAsync(User, "Rent", AccountType.Expense);
    }

    private IRenderedComponent<WithProviders> RenderRegister(Guid account, int pageSize = 50)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("PageSize", pageSize));
        var host = Render<WithProviders>(p => p.AddChildContent<AccountRegisterPage>(r => r.Add(x => x.AccountId, account)));
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=loading]")));
        return host;
    }

    private static List<(string Description, string Amount, string Running)> Rows(IRenderedComponent<WithProviders> host) =>
        host.FindAll("[data-testid=register-row]").Select(r => (
            r.QuerySelector("[data-testid=register-description]")!.TextContent.Trim(),
            r.QuerySelector("[data-testid=register-amount]")!.TextContent.Trim(),
            r.QuerySelector("[data-testid=register-running]")!.TextContent.Trim())).ToList();

    [Fact]
    public async Task The_register_pages_through_more_rows_than_fit_with_correct_running_balances()
    {
        var expected = new List<(string, long)>();
        for (var i = 1; i <= 12; i++)
        {
            if (i % 3 == 0)
            {
                await Ledger.TransferAsync(User, checking, rent, 100_00, Start.AddDays(i), $"Rent {i}");
                expected.Add(($"Rent {i}", -100_00));
            }
            else
            {
                await Ledger.TransferAsync(User, salary, checking, i * 10_00, Start.AddDays(i), $"Pay {i}");
                expected.Add(($"Pay {i}", i * 10_00));
            }
        }
        var running = 0L;
        var newestFirst = expected.Select(e => (e.Item1, Money.Format(e.Item2, "USD", CultureInfo.InvariantCulture),
            Money.Format(running += e.Item2, "USD", CultureInfo.InvariantCulture)))
            .Reverse().ToList();
        var host = RenderRegister(checking, pageSize: 5);

        var seen = new List<(string, string, string)>();
        seen.AddRange(Rows(host));
        Assert.Equal("Page 1", host.ByTestId("register-page").TextContent);
        while (!host.ByTestId("register-older").HasAttribute("disabled"))
        {
            host.ByTestId("register-older").Click();
            host.WaitForAssertion(() => Assert.Equal($"Page {seen.Count / 5 + 1}", host.ByTestId("register-page").TextContent));
            seen.AddRange(Rows(host));
        }

        Assert.Equal(newestFirst, seen);
        Assert.Equal("Page 3", host.ByTestId("register-page").TextContent);
        host.ByTestId("register-newer").Click();
        host.WaitForAssertion(() => Assert.Equal(newestFirst.Skip(5).Take(5), Rows(host)));
    }

    [Fact]
    public async Task A_credit_normal_account_shows_amounts_and_balances_as_people_read_them()
    {
        await Ledger.TransferAsync(User, salary, checking, 4_850_00, Start, "Pay");

        var host = RenderRegister(salary);

        Assert.Equal([("Pay", "4,850.00", "4,850.00")], Rows(host));
        Assert.Contains("USD 4,850.00", host.ByTestId("register-balance").TextContent);
    }

    [Fact]
    public async Task Dates_in_the_address_start_the_register_filtered_to_them()
    {
        for (var day = 1; day <= 5; day++)
        {
            await Ledger.TransferAsync(User, salary, checking, day * 1_00, Start.AddDays(day), $"Pay {day}");
        }
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"accounts/{checking}?from=2026-01-03&to=2026-01-05");

        var host = Render<WithProviders>(p => p.AddChildContent<AccountRegisterPage>(r => r.Add(x => x.AccountId, checking)));

        host.WaitForAssertion(() => Assert.Equal(["Pay 4", "Pay 3", "Pay 2"], Rows(host).Select(r => r.Description)));
        Assert.Equal("2026-01-03", host.Find("[data-testid=register-from] input, input[data-testid=register-from]").GetAttribute("value"));
    }

    [Fact]
    public async Task The_text_filter_narrows_the_rows()
    {
        await Ledger.TransferAsync(User, salary, checking, 10_00, Start, "Pay");
        await Ledger.TransferAsync(User, checking, rent, 5_00, Start.AddDays(1), "Rent");
        var host = RenderRegister(checking);

        host.Type("register-search", "rent");

        host.WaitForAssertion(() => Assert.Equal([("Rent", "-5.00", "5.00")], Rows(host)));
    }

    [Fact]
    public async Task Voiding_from_the_register_asks_first_then_strikes_the_row_through()
    {
        await Ledger.TransferAsync(User, checking, rent, 5_00, Start, "Rent");
        var host = RenderRegister(checking);

        host.ByTestId("void").Click();
        host.WaitForAssertion(() => Assert.Contains("Void this transaction?", host.Find(".mud-dialog").TextContent));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Void").Click();

        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=register-row]").Count));
        Assert.Single(host.FindAll("[data-testid=register-row].voided"));
        Assert.Equal(0, await Ledger.BalanceAsync(checking));
        Assert.Empty(host.FindAll("[data-testid=void]"));
    }

    [Fact]
    public async Task An_owner_voids_a_reconciled_row_only_after_a_second_warning()
    {
        var rentPaid = await Ledger.TransferAsync(User, checking, rent, 5_00, Start, "Rent");
        await ReconcileAsync(checking, rentPaid.Id, -5_00);
        var host = RenderRegister(checking);

        host.ByTestId("void").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Void").Click();
        host.WaitForAssertion(() => Assert.Contains("Void a reconciled transaction?", host.Find(".mud-dialog").TextContent));
        Assert.Equal(-5_00, await Ledger.BalanceAsync(checking));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Void anyway").Click();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=register-row].voided")));
        Assert.Equal(0, await Ledger.BalanceAsync(checking));
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task Each_row_marks_and_voids_with_plain_elements_not_a_component_apiece()
    {
        // Every open tab holds its page's components: fifty rows with a tooltip, a chip and a button each would weigh on all.
        var savings = await Ledger.CreateAccountAsync(User, "Savings");
        await Ledger.TransferAsync(User, salary, savings, 1_00, Start, "Pay");
        for (var i = 0; i < 10; i++)
        {
            await Ledger.TransferAsync(User, checking, rent, 1_00 + i, Start.AddDays(i), $"Rent {i}");
        }

        var withOneRow = RenderRegister(savings).FindComponents<IComponent>().Count;
        await DisposeComponentsAsync();
        var ten = RenderRegister(checking);

        Assert.Equal(10, ten.FindAll("button[data-testid=void]").Count);
        Assert.Equal(10, ten.FindAll("button[data-testid=register-clear]").Count);
        Assert.Equal(withOneRow, ten.FindComponents<IComponent>().Count);
    }

    private async Task ReconcileAsync(Guid account, Guid transactionId, long statementBalance)
    {
        long posting;
        await using (var db = await Ledger.DbAsync())
        {
            posting = await db.Postings.Where(p => p.AccountId == account && p.TransactionId == transactionId).Select(p => p.Id).SingleAsync();
        }
        var done = await Services.GetRequiredService<ReconciliationService>().FinishAsync(User.Actor,
            new FinishReconciliation(User.BookId, account, Start.AddDays(30), statementBalance, [posting]));
        Assert.True(done.Succeeded, done.Message);
    }

    [Fact]
    public async Task Declining_the_confirmation_voids_nothing()
    {
        await Ledger.TransferAsync(User, checking, rent, 5_00, Start, "Rent");
        var host = RenderRegister(checking);

        host.ByTestId("void").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep it").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.Equal(-5_00, await Ledger.BalanceAsync(checking));
    }

    [Fact]
    public async Task Another_books_account_is_not_shown()
    {
        var bob = await Ledger.CreateUserAsync("bob");
        var bobsCash = await Ledger.CreateAccountAsync(bob, "Bob's cash");

        var host = RenderRegister(bobsCash);

        Assert.NotNull(host.ByTestId("not-found"));
        Assert.DoesNotContain("Bob's cash", host.Markup);
    }
}
