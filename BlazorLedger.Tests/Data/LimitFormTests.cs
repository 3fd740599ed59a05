using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Bunit;

namespace BlazorLedger.Tests.Data;

/// <summary>Each form stops typing at the same limit the service enforces and the column holds.</summary>
public sealed class LimitFormTests : LedgerComponentTest
{
    private static int MaxLengthOf(IRenderedComponent<WithProviders> host, string testId) =>
        int.Parse(host.Find($"input[data-testid={testId}]").GetAttribute("maxlength")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_account_dialog_limits_name_and_code()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<AccountsPage>());
        host.WaitForAssertion(() => host.ByTestId("new-account").Click());
        host.WaitForAssertion(() => host.ByTestId("account-dialog"));

        Assert.Equal(AccountLimits.MaxName, MaxLengthOf(host, "account-name"));
        Assert.Equal(AccountLimits.MaxCode, MaxLengthOf(host, "account-code"));
    }

    [Fact]
    public void The_members_page_limits_the_book_name()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<MembersPage>());

        host.WaitForAssertion(() => Assert.Equal(BookLimits.MaxName, MaxLengthOf(host, "book-rename")));
    }

    [Fact]
    public async Task The_new_transaction_form_limits_description_payee_and_memo()
    {
        await Ledger.CreateAccountAsync(User, "Wallet");
        await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        var host = Render<WithProviders>(p => p.AddChildContent<NewTransactionPage>());
        host.WaitForAssertion(() => host.ByTestId("transaction-form"));
        host.FindAll(".mud-toggle-item").Single(b => b.TextContent.Contains("Split")).Click();
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=split-line]").Count));

        Assert.Equal(TransactionLimits.MaxDescription, MaxLengthOf(host, "description"));
        Assert.Equal(TransactionLimits.MaxPayee, MaxLengthOf(host, "payee"));
        Assert.All(host.FindAll("input[data-testid=line-memo]"),
            memo => Assert.Equal(TransactionLimits.MaxMemo.ToString(System.Globalization.CultureInfo.InvariantCulture), memo.GetAttribute("maxlength")));
    }
}
