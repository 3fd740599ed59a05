using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

/// <summary>Correct, Amend and tags on the transaction pages.</summary>
public sealed class CorrectAndAmendPageTests : LedgerComponentTest
{
    private Guid cash, food, dining;
    private static readonly DateOnly Day = new(2026, 2, 1);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        cash = await Ledger.CreateAccountAsync(User, "Cash");
        food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        dining = await Ledger.CreateAccountAsync(User, "Dining", AccountType.Expense);
    }

    private async Task<TransactionDto> PostAsync(string description = "Lunhc", long amount = 12_50, IReadOnlyList<string>? tags = null)
    {
        var result = await Ledger.Postings.PostAsync(User.Actor, new PostTransaction(User.BookId, Day, description, "Cafe",
            [new PostingLine(food, amount), new PostingLine(cash, -amount)], Tags: tags));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private IRenderedComponent<WithProviders> CorrectForm(Guid id)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("correct", id.ToString()));
        return Render<WithProviders>(p => p.AddChildContent<NewTransactionPage>());
    }

    /// <summary>One page at a time: each brings its own MudBlazor providers.</summary>
    private async Task<IRenderedComponent<WithProviders>> DetailAsync(Guid id)
    {
        await DisposeComponentsAsync();
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, id)));
        page.WaitForAssertion(() => page.ByTestId("transaction-title"));
        return page;
    }

    [Fact]
    public async Task Correct_links_to_the_form_filled_in_from_the_transaction()
    {
        var tx = await PostAsync(tags: ["work"]);

        var detail = await DetailAsync(tx.Id);
        Assert.Equal($"transactions/new?correct={tx.Id}", detail.ByTestId("correct").GetAttribute("href"));

        await DisposeComponentsAsync();
        var form = CorrectForm(tx.Id);
        form.WaitForAssertion(() => form.ByTestId("correcting-notice"));
        Assert.Contains("Correct transaction #1", form.ByTestId("form-title").TextContent);
        Assert.Equal("Lunhc", form.Find("input[data-testid=description]").GetAttribute("value"));
        Assert.Equal("Cafe", form.Find("input[data-testid=payee]").GetAttribute("value"));
        Assert.Equal("12.50", form.Find("input[data-testid=amount]").GetAttribute("value"));
        Assert.Equal("work", form.Find("input[data-testid=tags]").GetAttribute("value"));
        Assert.Contains("Post correction", form.ByTestId("submit").TextContent);
    }

    [Fact]
    public async Task Posting_the_corrected_form_voids_the_original_and_both_pages_show_the_link()
    {
        var tx = await PostAsync();
        var form = CorrectForm(tx.Id);
        form.WaitForAssertion(() => form.ByTestId("correcting-notice"));

        form.Type("description", "Lunch");
        form.Type("amount", "13.50");
        form.Find("form").Submit();

        TransactionDto? replacement = null;
        await Eventually.TrueAsync(async () =>
            (replacement = (await Ledger.Postings.GetAsync(User.Actor, User.BookId, tx.Id)).Value?.CorrectedBy is { } r
                ? (await Ledger.Postings.GetAsync(User.Actor, User.BookId, r.Id)).Value : null) is not null, "the correction is posted");
        Assert.Equal("Lunch", replacement!.Description);
        Assert.Equal(13_50, await Ledger.BalanceAsync(food));
        Assert.EndsWith($"transactions/{replacement.Id}", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);

        var original = await DetailAsync(tx.Id);
        Assert.Equal($"transactions/{replacement.Id}", original.ByTestId("replacement-link").GetAttribute("href"));
        Assert.Empty(original.FindAll("[data-testid=correct]"));
        var history = original.ByTestId("history").TextContent;
        Assert.Contains("Corrected", history);
        var fixedPage = await DetailAsync(replacement.Id);
        Assert.Equal($"transactions/{tx.Id}", fixedPage.ByTestId("corrects-link").GetAttribute("href"));
        Assert.Contains("#1", fixedPage.ByTestId("correction-notice").TextContent);
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task The_correct_form_for_a_voided_transaction_says_why_it_cannot()
    {
        var tx = await PostAsync();
        await Ledger.Postings.VoidAsync(User.Actor, User.BookId, tx.Id);

        var form = CorrectForm(tx.Id);

        form.WaitForAssertion(() => Assert.Contains("voided and cannot be corrected", form.ByTestId("cannot-correct").TextContent));
        Assert.Empty(form.FindAll("[data-testid=transaction-form]"));
    }

    [Fact]
    public async Task Amend_changes_text_and_tags_and_the_history_shows_old_and_new()
    {
        var tx = await PostAsync();
        var page = await DetailAsync(tx.Id);

        page.ByTestId("amend").Click();
        page.WaitForAssertion(() => page.ByTestId("amend-dialog"));
        page.Type("amend-description", "Lunch");
        page.Find("input[data-testid=amend-tags]").Change("Work, travel");
        page.Find("input[data-testid=amend-memo]").Change("with Sam");
        page.FindAll("[data-testid=save]").Single().Click();

        page.WaitForAssertion(() => Assert.Contains("Lunch", page.ByTestId("transaction-title").TextContent));
        page.WaitForAssertion(() => Assert.Equal(["travel", "work"], page.FindAll("[data-testid=transaction-tag]").Select(t => t.TextContent.Trim())));
        var changes = page.FindAll("[data-testid=history-change]").Select(c => c.TextContent).ToList();
        Assert.Contains(changes, c => c.Contains("Description") && c.Contains("Lunhc") && c.Contains("Lunch"));
        Assert.Contains(changes, c => c.Contains("Tags") && c.Contains("travel, work"));
        Assert.Contains(changes, c => c.Contains("Memo (Food)") && c.Contains("with Sam"));
        Assert.Contains("Amended by alice", page.ByTestId("history").TextContent);
        Assert.Equal(12_50, await Ledger.BalanceAsync(food));
    }

    [Fact]
    public async Task A_bad_tag_in_the_amend_dialog_is_explained_and_nothing_changes()
    {
        var tx = await PostAsync();
        var page = await DetailAsync(tx.Id);

        page.ByTestId("amend").Click();
        page.WaitForAssertion(() => page.ByTestId("amend-dialog"));
        page.Find("input[data-testid=amend-tags]").Change(new string('x', 40));
        page.FindAll("[data-testid=save]").Single().Click();

        page.WaitForAssertion(() => Assert.Contains("A tag has 1 to 32", page.Find("[data-testid=amend-dialog]").TextContent));
        Assert.Empty((await Ledger.Postings.AmendmentsAsync(User.Actor, User.BookId, tx.Id)).Value!);
    }

    [Fact]
    public async Task Tags_typed_on_the_new_transaction_form_are_stored_and_the_list_shows_and_filters_them()
    {
        await PostAsync("Untagged");
        var form = Render<WithProviders>(p => p.AddChildContent<NewTransactionPage>());
        form.WaitForAssertion(() => form.ByTestId("transaction-form"));
        form.Type("description", "Taxi");
        form.Choose("from-account", "Cash");
        form.Choose("to-account", "Dining");
        form.Type("amount", "8");
        form.Find("input[data-testid=tags]").Change("Travel  work");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("Posted #2", form.Find(".mud-snackbar").TextContent));

        await DisposeComponentsAsync();
        var list = Render<WithProviders>(p => p.AddChildContent<TransactionsPage>());
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=transaction-row]").Count));
        Assert.Equal(["travel", "work"], list.FindAll("[data-testid=row-tag]").Select(t => t.TextContent.Trim()));

        list.Type("search-tag", "TRAVEL");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=transaction-row]")), TimeSpan.FromSeconds(10));
        Assert.Contains("Taxi", list.Find("[data-testid=transaction-row]").TextContent);
    }
}
