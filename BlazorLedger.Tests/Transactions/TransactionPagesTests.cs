using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Features.Users;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

public sealed class TransactionPagesTests : LedgerComponentTest
{
    private Guid cash, food;
    private static readonly DateOnly Start = new(2026, 2, 1);

    // A filter reloads 400 ms after the last keystroke; on a busy machine the reload after it needs more than bUnit's 1 s.
    private static readonly TimeSpan Debounced = TimeSpan.FromSeconds(10);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        cash = await Ledger.CreateAccountAsync(User, "Cash");
        food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
    }

    [Fact]
    public async Task The_detail_page_shows_postings_who_posted_and_links_a_void_to_its_reversal()
    {
        var tx = await Ledger.TransferAsync(User, cash, food, 12_50, Start, "Lunch");
        var reversal = (await Ledger.Postings.VoidAsync(User.Actor, User.BookId, tx.Id)).Value!;

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, tx.Id)));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=posting-row]").Count));
        Assert.Contains("Lunch", page.ByTestId("transaction-title").TextContent);
        var rows = page.FindAll("[data-testid=posting-row]").Select(r => r.TextContent).ToList();
        Assert.Contains("Food", rows[0]);
        Assert.Contains("USD 12.50", rows[0]);
        Assert.Contains("Cash", rows[1]);
        Assert.Contains("Posted by alice", page.ByTestId("posted-by").TextContent);
        Assert.Equal($"transactions/{reversal.Id}", page.ByTestId("reversal-link").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=void]"));
    }

    [Fact]
    public async Task The_owner_may_void_a_reconciled_transaction_from_its_page_after_a_second_warning()
    {
        var tx = await Ledger.TransferAsync(User, cash, food, 3_00, Start, "Coffee");
        long posting;
        await using (var db = await Ledger.DbAsync())
        {
            posting = await db.Postings.Where(p => p.AccountId == cash && p.TransactionId == tx.Id).Select(p => p.Id).SingleAsync();
        }
        Assert.True((await Services.GetRequiredService<ReconciliationService>().FinishAsync(User.Actor,
            new FinishReconciliation(User.BookId, cash, Start.AddDays(1), -3_00, [posting]))).Succeeded);
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, tx.Id)));
        page.WaitForAssertion(() => page.ByTestId("void"));

        page.ByTestId("void").Click();
        page.WaitForAssertion(() => page.Find(".mud-dialog"));
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Void").Click();
        page.WaitForAssertion(() => Assert.Contains("Void a reconciled transaction?", page.Find(".mud-dialog").TextContent));
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Void anyway").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.ByTestId("voided-notice")));
        Assert.Equal(0, await Ledger.BalanceAsync(food));
    }

    [Fact]
    public async Task The_detail_page_voids_after_confirmation()
    {
        var tx = await Ledger.TransferAsync(User, cash, food, 3_00, Start, "Coffee");
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, tx.Id)));
        page.WaitForAssertion(() => page.ByTestId("void"));

        page.ByTestId("void").Click();
        page.WaitForAssertion(() => page.Find(".mud-dialog"));
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Void").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.ByTestId("voided-notice")));
        Assert.Equal(0, await Ledger.BalanceAsync(food));
    }

    [Fact]
    public async Task Another_books_transaction_is_not_found()
    {
        var bob = await Ledger.CreateUserAsync("bob");
        var bobCash = await Ledger.CreateAccountAsync(bob, "Bob cash");
        var bobFood = await Ledger.CreateAccountAsync(bob, "Bob food", AccountType.Expense);
        var secret = await Ledger.TransferAsync(bob, bobCash, bobFood, 1_00, Start, "Secret dinner");

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, secret.Id)));

        page.WaitForAssertion(() => page.ByTestId("not-found"));
        Assert.DoesNotContain("Secret", page.Markup);
    }

    [Fact]
    public async Task The_transactions_page_lists_and_searches_the_book()
    {
        await Ledger.TransferAsync(User, cash, food, 12_50, Start, "Lunch");
        await Ledger.TransferAsync(User, cash, food, 30_00, Start.AddDays(1), "Groceries");

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=transaction-row]").Count));
        Assert.Equal(["Groceries", "Lunch"], page.FindAll("[data-testid=transaction-link]").Select(a => a.TextContent.Trim()));
        Assert.Equal("USD 30.00", page.FindAll("[data-testid=transaction-amount]")[0].TextContent.Trim());

        page.Type("search-min-amount", "10");
        page.Type("search-max-amount", "20");

        // The maximum alone already leaves only Lunch: wait for both filters' debounces, which end one after the other, and
        // for the list. The CSV download exports what the search shows; the address keeps the search.
        page.WaitForAssertion(() => Assert.Equal(($"books/{User.BookId}/export?format=csv&minAmount=10&maxAmount=20", "Lunch"),
            (page.ByTestId("export-csv").GetAttribute("href"), string.Join(", ", page.FindAll("[data-testid=transaction-link]").Select(a => a.TextContent.Trim())))),
            Debounced);
        // Each filter writes itself into the address as its own debounce ends, so their order there can be either.
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Services.GetRequiredService<NavigationManager>().Uri).Query);
        Assert.Equal([("maxAmount", "20"), ("minAmount", "10")], query.OrderBy(q => q.Key).Select(q => (q.Key, q.Value.ToString())));
    }

    [Fact]
    public async Task A_huge_amount_filter_shows_why_and_the_page_keeps_working()
    {
        await Ledger.TransferAsync(User, cash, food, 12_50, Start, "Lunch");
        await Ledger.TransferAsync(User, cash, food, 30_00, Start.AddDays(1), "Groceries");
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=transaction-row]").Count), Debounced);

        await page.InvokeAsync(() => page.Type("search-min-amount", "99999999999999999999")); // inside the dispatcher: the list re-renders as filters are typed
        page.WaitForAssertion(() => Assert.Contains("\"99999999999999999999\" is too large.", page.Markup), Debounced);

        await page.InvokeAsync(() => page.Type("search-min-amount", "999999999999999")); // fits only a currency without decimals
        page.WaitForAssertion(() => Assert.Contains("Nothing matches this search", page.ByTestId("empty-transactions").TextContent), Debounced);

        await page.InvokeAsync(() => page.Type("search-min-amount", "30"));
        page.WaitForAssertion(() => Assert.Equal(["Groceries"], page.FindAll("[data-testid=transaction-link]").Select(a => a.TextContent.Trim())), Debounced);
        Assert.DoesNotContain("too large", page.Markup);
    }

    [Fact]
    public async Task A_german_reader_sees_amounts_and_dates_in_their_format_and_filters_in_it()
    {
        Services.GetRequiredService<UserFormat>().Use("de-DE");
        await Ledger.TransferAsync(User, cash, food, 1_234_56, Start, "Rent");
        await Ledger.TransferAsync(User, cash, food, 12_50, Start.AddDays(1), "Lunch");

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=transaction-row]").Count), Debounced);
        Assert.Equal("USD 1.234,56", page.FindAll("[data-testid=transaction-amount]")[1].TextContent.Trim());
        Assert.Contains("01.02.2026", page.FindAll("[data-testid=transaction-row]")[1].TextContent);
        await page.InvokeAsync(() => page.Type("search-min-amount", "12,50"));
        await page.InvokeAsync(() => page.Type("search-max-amount", "12,50"));
        page.WaitForAssertion(() => Assert.Equal(["Lunch"], page.FindAll("[data-testid=transaction-link]").Select(a => a.TextContent.Trim())), Debounced);
    }

    private IRenderedComponent<WithProviders> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());
    }

    private static string[] Shown(IRenderedComponent<WithProviders> page) =>
        page.FindAll("[data-testid=transaction-link]").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public async Task A_link_with_filters_opens_the_list_filtered_with_its_fields_filled()
    {
        var bank = await Ledger.CreateAccountAsync(User, "Bank");
        await Ledger.TransferAsync(User, cash, food, 12_50, Start, "Lunch");
        await Ledger.TransferAsync(User, bank, food, 30_00, Start.AddDays(1), "Groceries");
        await Ledger.TransferAsync(User, bank, food, 45_00, Start.AddDays(2), "Dinner");
        await Ledger.TransferAsync(User, bank, food, 99_00, Start.AddDays(3), "Party");

        var page = RenderAt($"transactions?account={bank}&minAmount=20&maxAmount=50.5&from=2026-02-02&sort=oldest");

        page.WaitForAssertion(() => Assert.Equal(["Groceries", "Dinner"], Shown(page)), Debounced);
        Assert.Equal("20", page.Find("input[data-testid=search-min-amount]").GetAttribute("value"));
        Assert.Equal("50.5", page.Find("input[data-testid=search-max-amount]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=ignored-filters]"));
    }

    [Fact]
    public async Task Filters_typed_go_into_the_address_and_a_changed_address_back_or_forward_changes_the_list()
    {
        await Ledger.TransferAsync(User, cash, food, 12_50, Start, "Lunch");
        await Ledger.TransferAsync(User, cash, food, 30_00, Start.AddDays(1), "Groceries");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderAt("transactions");
        page.WaitForAssertion(() => Assert.Equal(2, Shown(page).Length), Debounced);

        await page.InvokeAsync(() => page.Type("search-text", "lunch"));
        page.WaitForAssertion(() => Assert.Equal(["Lunch"], Shown(page)), Debounced);
        Assert.EndsWith("transactions?q=lunch", navigation.Uri);

        // What the back button does: the address changes under the page.
        navigation.NavigateTo("transactions?payee=&q=groceries");
        page.WaitForAssertion(() => Assert.Equal(["Groceries"], Shown(page)), Debounced);
        Assert.Equal("groceries", page.Find("input[data-testid=search-text]").GetAttribute("value"));

        navigation.NavigateTo("transactions");
        page.WaitForAssertion(() => Assert.Equal(["Groceries", "Lunch"], Shown(page)), Debounced);
    }

    [Fact]
    public async Task Values_in_the_address_that_cannot_be_used_are_left_out_with_a_note()
    {
        var bob = await Ledger.CreateUserAsync("bob");
        var bobs = await Ledger.CreateAccountAsync(bob, "Bob cash");
        await Ledger.TransferAsync(User, cash, food, 12_50, Start, "Lunch");

        var page = RenderAt($"transactions?from=yesterday&minAmount=lots&account={bobs}&sort=random&tag=a%20b");

        page.WaitForAssertion(() => Assert.Equal(["Lunch"], Shown(page)), Debounced);
        var note = page.ByTestId("ignored-filters").TextContent;
        Assert.Contains("from \"yesterday\"", note);
        Assert.Contains("minAmount \"lots\"", note);
        Assert.Contains("sort \"random\"", note);
        Assert.Contains("tag \"a b\"", note);
        Assert.Contains("no such account in this book", note);
        Assert.DoesNotContain("Bob", page.Markup);
    }

    [Fact]
    public void An_empty_book_invites_the_first_transaction()
    {
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());

        page.WaitForAssertion(() => Assert.Contains("No transactions yet", page.ByTestId("empty-transactions").TextContent));
    }

    [Fact]
    public async Task Two_pages_showing_the_book_both_update_when_a_transaction_is_posted()
    {
        // One host carries the MudBlazor providers; the other pages render on their own, as in separate circuits' views.
        var chart = Render<AccountsPage>();
        var register = Render<AccountRegisterPage>(r => r.Add(x => x.AccountId, food));
        var form = Render<WithProviders>(p => p.AddChildContent<NewTransactionPage>());
        register.WaitForAssertion(() => register.ByTestId("empty-register"));
        form.WaitForAssertion(() => form.ByTestId("transaction-form"));

        form.Type("description", "Lunch");
        form.Choose("from-account", "Cash");
        form.Choose("to-account", "Food");
        form.Type("amount", "8.75");
        form.Find("form").Submit();

        chart.WaitForAssertion(() => Assert.Contains(chart.FindAll("[data-testid=account-balance]"), b => b.TextContent == "8.75"));
        register.WaitForAssertion(() => Assert.Single(register.FindAll("[data-testid=register-row]")));
        Assert.Contains("USD 8.75", register.ByTestId("register-balance").TextContent);
    }
}
