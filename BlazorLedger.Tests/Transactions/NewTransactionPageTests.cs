using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

public sealed class NewTransactionPageTests : LedgerComponentTest
{
    private Guid wallet, food, bank;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        wallet = await Ledger.CreateAccountAsync(User, "Wallet");
        food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        bank = await Ledger.CreateAccountAsync(User, "Bank");
    }

    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<NewTransactionPage>());
        host.WaitForAssertion(() => host.ByTestId("transaction-form"));
        return host;
    }

    private async Task<int> TransactionCountAsync()
    {
        await using var db = await Ledger.DbAsync();
        return await db.Transactions.CountAsync();
    }

    [Fact]
    public async Task A_simple_transaction_is_posted_and_the_form_is_ready_for_the_next()
    {
        var host = RenderPage();

        host.Type("description", "Lunch");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");
        host.Type("amount", "1,234.56");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("Posted #1", host.Find(".mud-snackbar").TextContent));
        Assert.Equal(1_234_56, await Ledger.BalanceAsync(food));
        Assert.Equal(-1_234_56, await Ledger.BalanceAsync(wallet));
        Assert.Equal("", host.Find("input[data-testid=description]").GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("12.345", "USD allows at most 2 decimal places.")]
    [InlineData("abc", "Enter a number such as 1,234.56.")]
    [InlineData("-5", "Enter an amount above zero; to move money the other way, swap the accounts.")]
    [InlineData("0", "Enter an amount above zero; to move money the other way, swap the accounts.")]
    public async Task An_amount_the_currency_cannot_hold_is_explained_and_cannot_be_posted(string amount, string message)
    {
        var host = RenderPage();
        host.Type("description", "Lunch");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");

        host.Type("amount", amount);
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains(message, host.Markup));
        Assert.True(host.ByTestId("submit").HasAttribute("disabled"));
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Theory]
    [InlineData("2/30/2026")]
    [InlineData("31/31/2020")]
    [InlineData("2026-01-15x")]
    public async Task A_date_the_form_cannot_read_is_refused_and_never_posted_as_another_day(string typed)
    {
        var host = RenderPage();
        host.Type("description", "Lunch");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");
        host.Type("amount", "5");

        host.Type("date", typed);
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("Enter the date as yyyy-mm-dd", host.Markup));
        Assert.Equal(0, await TransactionCountAsync());

        host.Type("date", "2026-01-15");
        host.Find("form").Submit();
        host.WaitForAssertion(() => Assert.Contains("Posted #1", host.Find(".mud-snackbar").TextContent));
        await using var db = await Ledger.DbAsync();
        Assert.Equal(new DateOnly(2026, 1, 15), (await db.Transactions.SingleAsync()).Date);
    }

    [Fact]
    public async Task A_comma_typed_as_a_decimal_mark_is_refused_with_what_was_understood_never_posted_as_a_hundred_times_more()
    {
        var host = RenderPage();
        host.Type("description", "Lunch");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");

        host.Type("amount", "12,50");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains(
            "\"12,50\" is not an amount: in 1,234.56 style the comma only separates thousands; write 12.50.", host.Find(".mud-input-helper-text").TextContent));
        Assert.True(host.ByTestId("submit").HasAttribute("disabled"));
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Fact]
    public async Task A_german_reader_types_amounts_and_dates_in_their_own_format()
    {
        Services.GetRequiredService<UserFormat>().Use("de-DE");
        var host = RenderPage();
        Assert.Equal("1.234,56", host.Find("input[data-testid=amount]").GetAttribute("placeholder"));
        host.Type("description", "Miete");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");
        host.Type("date", "31.01.2026");

        host.Type("amount", "1.234,56");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("Posted #1", host.Find(".mud-snackbar").TextContent));
        Assert.Equal(1_234_56, await Ledger.BalanceAsync(food));
        await using var db = await Ledger.DbAsync();
        Assert.Equal(new DateOnly(2026, 1, 31), (await db.Transactions.SingleAsync()).Date);
    }

    [Fact]
    public async Task Errors_from_the_ledger_are_shown_on_their_fields_and_nothing_is_saved()
    {
        var host = RenderPage();
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");
        host.Type("amount", "5");

        host.Find("form").Submit(); // no description

        host.WaitForAssertion(() => Assert.Contains("Enter a description of 1 to 200 characters.", host.Markup));
        Assert.Equal(0, await TransactionCountAsync());
    }

    [Fact]
    public async Task An_unbalanced_split_shows_what_is_missing_and_cannot_be_submitted_until_it_balances()
    {
        var host = RenderPage();
        host.FindAll(".mud-toggle-item").Single(b => b.TextContent.Contains("Split")).Click();
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=split-line]").Count));
        Assert.DoesNotContain("Balanced", host.ByTestId("remaining").TextContent); // nothing typed yet, nothing to call balanced
        host.Type("description", "Shopping");
        host.Choose("line-account", "Food", 0);
        host.Choose("line-account", "Bank", 1);
        host.Type("line-amount", "30", 0);
        host.Type("line-amount", "-20", 1);

        host.WaitForAssertion(() => Assert.Contains("Unbalanced in USD: a line of -10.00", host.ByTestId("remaining").TextContent));
        Assert.True(host.ByTestId("submit").HasAttribute("disabled"));
        host.Find("form").Submit();
        Assert.Equal(0, await TransactionCountAsync());

        host.ByTestId("add-line").Click();
        host.Choose("line-account", "Wallet", 2);
        host.Type("line-amount", "-10", 2);
        host.WaitForAssertion(() => Assert.Contains("Balanced", host.ByTestId("remaining").TextContent));
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("Posted #1", host.Find(".mud-snackbar").TextContent));
        Assert.Equal(30_00, await Ledger.BalanceAsync(food));
        Assert.Equal(-20_00, await Ledger.BalanceAsync(bank));
        Assert.Equal(-10_00, await Ledger.BalanceAsync(wallet));
    }

    [Fact]
    public async Task Submitting_twice_at_once_posts_one_transaction()
    {
        var host = RenderPage();
        host.Type("description", "Lunch");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");
        host.Type("amount", "10");
        var form = host.Find("form");

        await Task.WhenAll(form.SubmitAsync(), form.SubmitAsync());

        host.WaitForAssertion(() => Assert.Contains("Posted #1", host.Find(".mud-snackbar").TextContent));
        Assert.Equal(1, await TransactionCountAsync());
        Assert.Equal(10_00, await Ledger.BalanceAsync(food));
    }

    [Fact]
    public async Task Accounts_in_different_currencies_need_split_mode()
    {
        await Ledger.CreateAccountAsync(User, "Euro cash", currency: "EUR");
        var host = RenderPage();
        host.Choose("from-account", "Euro cash");
        host.Choose("to-account", "Food");

        host.WaitForAssertion(() => Assert.NotNull(host.ByTestId("currency-mismatch")));
        Assert.True(host.ByTestId("submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_viewer_gets_no_form()
    {
        var viewer = await Ledger.CreateUserAsync("victor");
        await Ledger.AddMemberAsync(User.BookId, viewer, BookRole.Viewer);
        SignIn(viewer, "victor");
        Services.GetRequiredService<BlazorLedger.Features.Books.CurrentBook>().PreferredId = User.BookId;

        var host = Render<WithProviders>(p => p.AddChildContent<NewTransactionPage>());

        host.WaitForAssertion(() => Assert.NotNull(host.ByTestId("read-only")));
        Assert.Empty(host.FindAll("form"));
    }

    [Fact]
    public async Task Picking_a_known_payee_fills_in_the_accounts_last_used_with_it_and_says_so()
    {
        await Ledger.Postings.PostAsync(User.Actor, new PostTransaction(User.BookId, new DateOnly(2026, 3, 1), "Veg", "Corner Market",
            [new PostingLine(food, 9_00), new PostingLine(bank, -9_00)]));
        var host = RenderPage();

        host.Type("payee", "corner");
        host.WaitForAssertion(() => Assert.Contains(host.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Contains("Corner Market")));
        host.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Contains("Corner Market")).Click();

        host.WaitForAssertion(() => Assert.Contains("from Bank, to Food", host.ByTestId("payee-proposal").TextContent));
        host.Type("description", "More veg");
        host.Type("amount", "4.50");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=payee-proposal]")));
        await using var db = await Ledger.DbAsync();
        var posted = await db.Transactions.Include(t => t.Postings).SingleAsync(t => t.Description == "More veg");
        Assert.Equal("Corner Market", posted.Payee);
        Assert.Equal([(food, 4_50L), (bank, -4_50L)], posted.Postings.OrderByDescending(p => p.Amount).Select(p => (p.AccountId, p.Amount)));
    }

    [Fact]
    public async Task A_date_on_or_before_the_lock_date_is_refused_on_the_date_field_naming_the_lock_date()
    {
        var locked = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20);
        await Ledger.Books.SetLockDateAsync(User.Actor, User.BookId, locked);
        await Services.GetRequiredService<BlazorLedger.Features.Books.CurrentBook>().ReloadAsync(User.Actor);
        var format = Services.GetRequiredService<UserFormat>();
        var host = RenderPage();
        Assert.Contains($"Closed up to and including {format.Date(locked)}", host.Markup);

        host.Type("description", "Old lunch");
        host.Choose("from-account", "Wallet");
        host.Choose("to-account", "Food");
        host.Type("date", format.Date(locked));
        host.Type("amount", "5");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains(
            $"closed up to and including its lock date, {locked:yyyy-MM-dd}", host.Find(".mud-input-control:has([data-testid=date])").TextContent));
        Assert.Empty(host.FindAll("[data-testid=form-error]"));
        Assert.Equal(0, await TransactionCountAsync());
    }
}
