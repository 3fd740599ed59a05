using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reconciliations;

/// <summary>A posting marked cleared and uncleared by hand, outside a reconciliation.</summary>
public abstract class ManualClearingTests : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 3, 1), Day2 = new(2026, 3, 15);

    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, salary, rent;

    // A database file on SQLite: two people at once need two connections.
    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private ReconciliationService Reconciliations => ledger.Services.GetRequiredService<ReconciliationService>();

    private async Task<long> PostingOfAsync(Guid accountId, Guid transactionId)
    {
        await using var db = await ledger.DbAsync();
        return await db.Postings.Where(p => p.AccountId == accountId && p.TransactionId == transactionId).Select(p => p.Id).SingleAsync();
    }

    private async Task<PostingState> StateAsync(long postingId)
    {
        await using var db = await ledger.DbAsync();
        return await db.Postings.Where(p => p.Id == postingId).Select(p => p.State).SingleAsync();
    }

    private async Task<List<string>> StateAuditsAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.AuditEvents.Where(a => a.Action == AuditActions.PostingStateChanged).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync();
    }

    private Task<Result<PostingStateDto>> SetAsync(TestUser user, long postingId, PostingState state, Guid? accountId = null) =>
        Reconciliations.SetStateAsync(user.Actor, new SetPostingState(alice.BookId, accountId, postingId, state));

    [DbFact]
    public async Task A_posting_is_cleared_and_uncleared_by_hand_each_change_audited_and_the_balances_untouched()
    {
        var pay = await ledger.TransferAsync(alice, salary, checking, 100_00, Day1, "Pay");
        var posting = await PostingOfAsync(checking, pay.Id);

        var cleared = await SetAsync(alice, posting, PostingState.Cleared, checking);
        var again = await SetAsync(alice, posting, PostingState.Cleared);

        Assert.Equal(ResultStatus.Ok, cleared.Status);
        Assert.True(cleared.Value!.Changed);
        Assert.Equal((PostingState.Cleared, pay.Id), (cleared.Value.State, cleared.Value.TransactionId));
        Assert.False(again.Value!.Changed);
        Assert.Equal(PostingState.Cleared, await StateAsync(posting));
        var audit = Assert.Single(await StateAuditsAsync());
        Assert.Contains("\"to\":\"Cleared\"", audit);

        var uncleared = await SetAsync(alice, posting, PostingState.Uncleared);

        Assert.True(uncleared.Value!.Changed);
        Assert.Equal(PostingState.Uncleared, await StateAsync(posting));
        Assert.Equal(2, (await StateAuditsAsync()).Count);
        Assert.Equal(100_00, await ledger.BalanceAsync(checking));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_reconciled_posting_cannot_be_changed_by_hand()
    {
        var pay = await ledger.TransferAsync(alice, salary, checking, 100_00, Day1, "Pay");
        var posting = await PostingOfAsync(checking, pay.Id);
        Assert.True((await Reconciliations.FinishAsync(alice.Actor, new FinishReconciliation(alice.BookId, checking, Day2, 100_00, [posting]))).Succeeded);
        var before = await ledger.SnapshotAsync();

        var uncleared = await SetAsync(alice, posting, PostingState.Uncleared);
        var cleared = await SetAsync(alice, posting, PostingState.Cleared);
        var reconciled = await SetAsync(alice, await PostingOfAsync(salary, pay.Id), PostingState.Reconciled);

        Assert.Equal(ResultStatus.Conflict, uncleared.Status);
        Assert.Contains("reconciled", uncleared.Message);
        Assert.Equal(ResultStatus.Conflict, cleared.Status);
        Assert.Equal(ResultStatus.Invalid, reconciled.Status);
        Assert.Equal(PostingState.Reconciled, await StateAsync(posting));
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Empty(await StateAuditsAsync());
    }

    [DbFact]
    public async Task Viewers_are_forbidden_and_outsiders_other_accounts_and_other_books_get_not_found()
    {
        var pay = await ledger.TransferAsync(alice, salary, checking, 100_00, Day1, "Pay");
        var posting = await PostingOfAsync(checking, pay.Id);
        var carol = await ledger.CreateUserAsync("carol");
        await ledger.AddMemberAsync(alice.BookId, carol, BookRole.Viewer);
        var bob = await ledger.CreateUserAsync("bob");
        var bobsCash = await ledger.CreateAccountAsync(bob, "Cash");
        var bobsIncome = await ledger.CreateAccountAsync(bob, "Income", AccountType.Income);
        var bobsPay = await ledger.TransferAsync(bob, bobsIncome, bobsCash, 5_00, Day1, "Pay");
        var bobsPosting = await PostingOfAsync(bobsCash, bobsPay.Id);

        var viewer = await SetAsync(carol, posting, PostingState.Cleared);
        var outsider = await SetAsync(bob, posting, PostingState.Cleared);
        var wrongAccount = await SetAsync(alice, posting, PostingState.Cleared, rent);
        var otherBook = await SetAsync(alice, bobsPosting, PostingState.Cleared);

        Assert.Equal(ResultStatus.Forbidden, viewer.Status);
        Assert.Equal(ResultStatus.NotFound, outsider.Status);
        Assert.Equal(ResultStatus.NotFound, wrongAccount.Status);
        Assert.Equal(ResultStatus.NotFound, otherBook.Status);
        Assert.Equal(PostingState.Uncleared, await StateAsync(posting));
        Assert.Equal(PostingState.Uncleared, await StateAsync(bobsPosting));
        Assert.Empty(await StateAuditsAsync());
    }

    [DbFact]
    public async Task A_posting_in_the_closed_period_can_still_be_cleared()
    {
        var pay = await ledger.TransferAsync(alice, salary, checking, 100_00, Day1, "Pay");
        var posting = await PostingOfAsync(checking, pay.Id);
        Assert.True((await ledger.Books.SetLockDateAsync(alice.Actor, alice.BookId, Day2)).Succeeded);

        var cleared = await SetAsync(alice, posting, PostingState.Cleared);

        Assert.True(cleared.Value!.Changed);
        Assert.Equal(PostingState.Cleared, await StateAsync(posting));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Two_people_setting_a_posting_at_once_end_in_one_state_with_one_audit_per_change()
    {
        var pay = await ledger.TransferAsync(alice, salary, checking, 100_00, Day1, "Pay");
        var posting = await PostingOfAsync(checking, pay.Id);
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);

        // Both ask for cleared: one changes it, the other finds it cleared.
        var same = await AllAtOnce.RunAsync(6, i => SetAsync(i % 2 == 0 ? alice : bob, posting, PostingState.Cleared));
        Assert.All(same, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Single(same, r => r.Value!.Changed);
        Assert.Single(await StateAuditsAsync());

        // One asks for cleared, the other for uncleared: they queue, and the state is the last one's.
        var opposite = await AllAtOnce.RunAsync(6, i => SetAsync(i % 2 == 0 ? alice : bob, posting, i % 2 == 0 ? PostingState.Cleared : PostingState.Uncleared));
        Assert.All(opposite, r => Assert.Equal(ResultStatus.Ok, r.Status));
        var audits = await StateAuditsAsync();
        Assert.Equal(1 + opposite.Count(r => r.Value!.Changed), audits.Count);
        var last = audits[^1].Contains("\"to\":\"Cleared\"", StringComparison.Ordinal) ? PostingState.Cleared : PostingState.Uncleared;
        Assert.Equal(last, await StateAsync(posting));
        await ledger.AssertInvariantsAsync();
    }
}

public sealed class ManualClearingTestsOnSqlite : ManualClearingTests;

public sealed class ManualClearingTestsOnPostgres : ManualClearingTests, IOnPostgres;
