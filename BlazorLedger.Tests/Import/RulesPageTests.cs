using BlazorLedger.Data;
using BlazorLedger.Features.Import;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

public sealed class RulesPageTests : LedgerComponentTest
{
    private ImportRuleService Rules => Services.GetRequiredService<ImportRuleService>();

    [Fact]
    public async Task A_rule_is_previewed_on_past_transactions_then_added_moved_and_deleted()
    {
        var checking = await Ledger.CreateAccountAsync(User, "Checking");
        var groceries = await Ledger.CreateAccountAsync(User, "Groceries", AccountType.Expense);
        var shopping = await Ledger.CreateAccountAsync(User, "Shopping", AccountType.Expense);
        await Ledger.TransferAsync(User, checking, groceries, 12_00, description: "REWE Markt");
        await Ledger.TransferAsync(User, checking, shopping, 8_00, description: "REWE City");
        await Rules.CreateAsync(User.Actor, new CreateImportRule(User.BookId, "salary", false, checking, "Employer"));
        var host = Render<WithProviders>(p => p.AddChildContent<RulesPage>());
        host.WaitForAssertion(() => host.ByTestId("rule-row"));

        host.Type("rule-pattern", "rewe");
        host.Choose("rule-account", "Groceries");
        host.ByTestId("rule-preview").Click();

        host.WaitForAssertion(() => Assert.Contains("matches 2 of the 2 transactions", host.ByTestId("rule-effect-summary").TextContent));
        Assert.Contains("1 of them already use Groceries", host.ByTestId("rule-effect-summary").TextContent);
        Assert.Equal(2, host.FindAll("[data-testid=rule-effect-row]").Count);
        Assert.Contains("other account", host.FindAll("[data-testid=rule-effect-row]")[0].TextContent);

        host.Find("form").Submit();
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=rule-row]").Count));
        Assert.Contains("Groceries", host.FindAll("[data-testid=rule-row]")[1].TextContent);

        host.FindAll("[data-testid=rule-up]")[1].Click();
        host.WaitForAssertion(() => Assert.Contains("rewe", host.FindAll("[data-testid=rule-row]")[0].TextContent));
        Assert.Equal(["rewe", "salary"], (await Rules.ListAsync(User.Actor, User.BookId)).Value!.Select(r => r.Pattern));

        host.FindAll("[data-testid=rule-delete]")[0].Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=rule-row]")));
        Assert.Equal(["salary"], (await Rules.ListAsync(User.Actor, User.BookId)).Value!.Select(r => r.Pattern));
    }

    [Fact]
    public void A_bad_regular_expression_is_named_and_nothing_is_added()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<RulesPage>());
        host.WaitForAssertion(() => host.ByTestId("no-rules"));

        host.Type("rule-pattern", "([");
        host.Find("input[data-testid=rule-regex]").Change(true);
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("not a valid regular expression", host.Markup));
        Assert.Empty(host.FindAll("[data-testid=rule-row]"));
    }

    [Fact]
    public async Task Viewers_are_told_rules_are_for_owners_and_editors()
    {
        var owner = await Ledger.CreateUserAsync("olga");
        await Ledger.AddMemberAsync(owner.BookId, User, BookRole.Viewer);
        Services.GetRequiredService<BlazorLedger.Features.Books.CurrentBook>().PreferredId = owner.BookId;

        var host = Render<WithProviders>(p => p.AddChildContent<RulesPage>());

        host.WaitForAssertion(() => host.ByTestId("rules-not-allowed"));
    }
}
