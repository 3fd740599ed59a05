using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Common;

namespace BlazorLedger.Tests.Transactions;

public sealed class TransactionFormTests
{
    private static AccountDto Account(string name, string currency, AccountType type = AccountType.Asset) =>
        new(Guid.NewGuid(), Guid.Empty, name, null, type, currency, false, 0, 1, DateTime.UtcNow);

    private static TransactionForm FormFor(string culture, string currency, out AccountDto to, out AccountDto from)
    {
        to = Account("To", currency, AccountType.Expense);
        from = Account("From", currency);
        return new TransactionForm(CultureInfo.GetCultureInfo(culture)) { Accounts = [to, from], Description = "Table" };
    }

    [Theory]
    [MemberData(nameof(AmountCases.All), MemberType = typeof(AmountCases))]
    public void Every_amount_in_the_table_is_posted_exactly_or_refused_with_how_it_was_read(AmountCase amount)
    {
        var form = FormFor(amount.Culture, amount.Currency, out var to, out var from);
        form.SetSplit(true);
        form.Lines[0].AccountId = to.Id;
        form.Lines[0].Amount = amount.Text;
        form.Lines[1].AccountId = from.Id;

        if (amount.Minor is { } minor)
        {
            Assert.Null(form.AmountError(form.Lines[0]));
            Assert.Equal(minor, form.AmountOf(form.Lines[0]));
            Assert.Equal(minor, form.Postings()[0].Amount);
        }
        else if (string.IsNullOrWhiteSpace(amount.Text))
        {
            Assert.Null(form.AmountError(form.Lines[0])); // not an error while the field is still empty, but not postable
            Assert.Null(form.AmountOf(form.Lines[0]));
            Assert.False(form.IsComplete);
        }
        else
        {
            Assert.Contains(amount.Refusal!, form.AmountError(form.Lines[0]) ?? "(accepted)");
            Assert.Null(form.AmountOf(form.Lines[0]));
            Assert.False(form.IsComplete);
        }
    }

    [Fact]
    public void Switching_to_split_writes_the_balancing_line_in_the_readers_own_format()
    {
        var form = FormFor("de-DE", "EUR", out var to, out var from);
        form.Simple[0].AccountId = to.Id;
        form.Simple[1].AccountId = from.Id;
        form.Simple[0].Amount = "1.234,5";

        form.SetSplit(true);

        Assert.Equal("-1234,50", form.Lines[1].Amount);
        Assert.Empty(form.Remaining);
        Assert.True(form.IsComplete);
        Assert.Equal([1_234_50L, -1_234_50L], form.Postings().Select(p => p.Amount));
    }

    [Fact]
    public void A_simple_transaction_needs_a_positive_amount_and_two_accounts_in_one_currency()
    {
        var form = FormFor("", "USD", out var to, out var from);
        form.Simple[0].AccountId = to.Id;
        form.Simple[0].Amount = "12.50";
        Assert.False(form.IsComplete);

        form.Simple[1].AccountId = from.Id;
        Assert.True(form.IsComplete);

        form.Simple[0].Amount = "-12.50";
        Assert.False(form.IsComplete);
    }
}
