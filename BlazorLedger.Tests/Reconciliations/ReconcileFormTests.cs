using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Reconciliations;

namespace BlazorLedger.Tests.Reconciliations;

public sealed class ReconcileFormTests
{
    private static readonly ReconcileStart Start = new(Guid.NewGuid(), "Checking", AccountType.Asset, "EUR", 50_00, null,
    [
        new ReconcileCandidate(1, Guid.NewGuid(), new DateOnly(2026, 3, 1), "Pay", null, null, 1_000_00, PostingState.Uncleared),
        new ReconcileCandidate(2, Guid.NewGuid(), new DateOnly(2026, 3, 2), "Rent", null, null, -300_00, PostingState.Cleared),
    ]);

    [Fact]
    public void The_statement_balance_reads_in_the_persons_format_and_a_foreign_one_is_explained()
    {
        var form = new ReconcileForm(CultureInfo.GetCultureInfo("de-DE"), "EUR") { StatementBalance = "1.234,56" };
        Assert.Equal(1_234_56, form.Balance);
        Assert.Null(form.BalanceError);

        form.StatementBalance = "1,234.56";
        Assert.Null(form.Balance);
        Assert.Contains("1.234,56", form.BalanceError);
        Assert.False(form.CanStart);
    }

    [Fact]
    public void Cleared_postings_start_ticked_and_the_difference_follows_the_ticks()
    {
        var form = new ReconcileForm(CultureInfo.InvariantCulture, "EUR") { StatementBalance = "750.00" };
        form.Begin(Start);

        Assert.Equal((-250_00L, 1_000_00L), (form.ClearedTotal, form.Difference!.Value));
        Assert.False(form.CanFinish);
        form.Tick(1, true);
        Assert.Equal((750_00L, 0L), (form.ClearedTotal, form.Difference!.Value));
        Assert.True(form.CanFinish);
        Assert.Equal([1L, 2L], form.ToCommand(Guid.NewGuid()).PostingIds.Order());
        Assert.Null(form.ToCommand(Guid.NewGuid()).AdjustmentAccountId);

        form.Tick(2, false);
        Assert.Equal(-300_00, form.Difference);
        Assert.False(form.CanFinish);
        form.AdjustmentAccountId = Guid.NewGuid();
        Assert.True(form.CanFinish);
        Assert.Equal(form.AdjustmentAccountId, form.ToCommand(Guid.NewGuid()).AdjustmentAccountId);
    }

    [Fact]
    public void With_postings_left_unlisted_a_difference_cannot_be_finished_as_an_adjustment_but_a_zero_difference_can()
    {
        var form = new ReconcileForm(CultureInfo.InvariantCulture, "EUR") { StatementBalance = "1,000.00" };
        form.Begin(Start with { MoreNotListed = true });
        form.AdjustmentAccountId = Guid.NewGuid();

        Assert.False(form.CanAdjust);
        Assert.NotEqual(0, form.Difference);
        Assert.False(form.CanFinish);
        Assert.Null(form.ToCommand(Guid.NewGuid()).AdjustmentAccountId);

        form.StatementBalance = "-250.00"; // what the listed, ticked postings make
        Assert.Equal(0, form.Difference);
        Assert.True(form.CanFinish);
    }
}
