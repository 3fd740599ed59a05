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

    private static TransactionDto Posted(params PostingDto[] postings) => new(Guid.NewGuid(), Guid.Empty, 7, new DateOnly(2026, 3, 1), "Dinner",
        "Bistro", "u", "alice", DateTime.UtcNow, null, null, postings, ["food", "friends"]);

    [Fact]
    public void A_plain_transfer_fills_simple_mode_in_the_readers_format_to_be_corrected_as_posted()
    {
        var form = FormFor("de-DE", "EUR", out var to, out var from);

        form.FillFrom(Posted(new PostingDto(from.Id, "From", "EUR", -1_234_50, null), new PostingDto(to.Id, "To", "EUR", 1_234_50, null)));

        Assert.False(form.Split);
        Assert.Equal((to.Id, from.Id), (form.Simple[0].AccountId, form.Simple[1].AccountId));
        Assert.Equal("1234,50", form.Simple[0].Amount);
        Assert.Equal(("Dinner", "Bistro", "food, friends"), (form.Description, form.Payee, form.Tags));
        Assert.Equal(new DateTime(2026, 3, 1), form.Date);
        Assert.True(form.IsComplete);
        Assert.Equal([(to.Id, 1_234_50L), (from.Id, -1_234_50L)], form.Postings().Select(p => (p.AccountId, p.Amount)));
        Assert.Equal(["food", "friends"], form.TagList);
    }

    [Fact]
    public void A_split_or_a_transfer_with_memos_fills_split_mode_line_by_line()
    {
        var form = FormFor("en-US", "USD", out var to, out var from);
        var other = Account("Other", "USD");
        form.Accounts = [to, from, other];

        form.FillFrom(Posted(new PostingDto(to.Id, "To", "USD", 30_00, "apples"), new PostingDto(from.Id, "From", "USD", -20_00, null),
            new PostingDto(other.Id, "Other", "USD", -10_00, null)));

        Assert.True(form.Split);
        Assert.Equal(["30.00", "-20.00", "-10.00"], form.Lines.Select(l => l.Amount));
        Assert.Equal("apples", form.Lines[0].Memo);
        Assert.True(form.IsComplete);
    }

    [Fact]
    public void A_payees_proposal_fills_only_the_accounts_still_empty_and_never_an_amount()
    {
        var form = FormFor("en-US", "USD", out var to, out var from);
        var archived = Guid.NewGuid();
        var proposal = new PayeeProposal("Market", 7, [new ProposedLeg(to.Id, "To", true), new ProposedLeg(from.Id, "From", false)]);

        Assert.Equal(["from From", "to To"], form.Propose(proposal));
        Assert.Equal((to.Id, from.Id), (form.Simple[0].AccountId, form.Simple[1].AccountId));
        Assert.Null(form.Simple[0].Amount);

        var chosen = FormFor("en-US", "USD", out var to2, out var from2);
        chosen.Simple[1].AccountId = to2.Id;
        Assert.Empty(chosen.Propose(new PayeeProposal("Market", 7, [new ProposedLeg(to2.Id, "To", true), new ProposedLeg(archived, "Gone", false)])));
        Assert.Null(chosen.Simple[0].AccountId);

        var split = FormFor("en-US", "USD", out var to3, out var from3);
        split.SetSplit(true);
        Assert.Equal(["To", "From", "To"], split.Propose(new PayeeProposal("Market", 7,
            [new ProposedLeg(to3.Id, "To", true), new ProposedLeg(from3.Id, "From", false), new ProposedLeg(to3.Id, "To", false)])));
        Assert.Equal([to3.Id, from3.Id, to3.Id], split.Lines.Select(l => l.AccountId!.Value));
    }
}
