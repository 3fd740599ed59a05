using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Reconciliations;

public abstract class ReconciliationServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 3, 1), Day2 = new(2026, 3, 15), Day3 = new(2026, 4, 2);

    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, salary, rent, fees;

    // A database file on SQLite: two finishers at once need two connections.
    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
        fees = await ledger.CreateAccountAsync(alice, "Bank fees", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private ReconciliationService Reconciliations => ledger.Services.GetRequiredService<ReconciliationService>();

    /// <summary>Pay of 100.00 on day 1, rent of 30.00 on day 2 and 50.00 on day 3, into and out of checking.</summary>
    private async Task<(TransactionDto Pay, TransactionDto Rent, TransactionDto Late)> PostMonthAsync()
    {
        var pay = await ledger.TransferAsync(alice, salary, checking, 100_00, Day1, "Pay");
        var rentPaid = await ledger.TransferAsync(alice, checking, rent, 30_00, Day2, "Rent");
        var late = await ledger.TransferAsync(alice, checking, rent, 50_00, Day3, "Rent April");
        return (pay, rentPaid, late);
    }

    private async Task<List<long>> PostingIdsAsync(Guid accountId, params Guid[] transactionIds)
    {
        await using var db = await ledger.DbAsync();
        return await db.Postings.Where(p => p.AccountId == accountId && transactionIds.Contains(p.TransactionId)).Select(p => p.Id).ToListAsync();
    }

    private async Task<Dictionary<long, PostingState>> StatesAsync(Guid accountId)
    {
        await using var db = await ledger.DbAsync();
        return await db.Postings.Where(p => p.AccountId == accountId).ToDictionaryAsync(p => p.Id, p => p.State);
    }

    private Task<Result<ReconciliationDto>> FinishAsync(TestUser user, long statementBalance, IReadOnlyList<long> postingIds,
        Guid? adjustment = null, Guid? accountId = null) =>
        Reconciliations.FinishAsync(user.Actor, new FinishReconciliation(alice.BookId, accountId ?? checking, Day2, statementBalance, postingIds, adjustment));

    [DbFact]
    public async Task A_start_with_more_postings_than_it_lists_says_so()
    {
        var transfers = Enumerable.Range(0, ReconciliationService.MaxPostings + 1).Select(i => new PostTransaction(alice.BookId, Day1, $"Pay {i}", null,
            [new PostingLine(checking, 1_00), new PostingLine(salary, -1_00)], $"pay-{i}")).ToList();
        foreach (var chunk in transfers.Chunk(1_000))
        {
            Assert.True((await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, chunk))).Succeeded);
        }

        var all = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, Day1)).Value!;
        var fewer = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, Day1.AddDays(-1))).Value!;

        Assert.Equal((ReconciliationService.MaxPostings, true), (all.Postings.Count, all.MoreNotListed));
        Assert.Equal((0, false), (fewer.Postings.Count, fewer.MoreNotListed));
    }

    [DbFact]
    public async Task Finishing_is_refused_while_the_reconciled_balance_differs_from_the_statement_and_allowed_at_zero_difference()
    {
        var (pay, rentPaid, late) = await PostMonthAsync();
        var start = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, Day2)).Value!;
        Assert.Equal(0, start.ReconciledBalance);
        Assert.Equal([(Day1, 100_00L), (Day2, -30_00L)], start.Postings.Select(p => (p.Date, p.Amount)));
        var payOnly = await PostingIdsAsync(checking, pay.Id);
        var before = await ledger.SnapshotAsync();

        var refused = await FinishAsync(alice, 70_00, payOnly);

        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Contains("USD -30.00", refused.Errors[nameof(FinishReconciliation.StatementBalance)].Single());
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.All((await StatesAsync(checking)).Values, s => Assert.Equal(PostingState.Uncleared, s));

        var both = start.Postings.Select(p => p.PostingId).ToList();
        var finished = await FinishAsync(alice, 70_00, both);

        Assert.Equal(ResultStatus.Created, finished.Status);
        Assert.Equal((2, (Guid?)null, 70_00L), (finished.Value!.PostingCount, finished.Value.AdjustmentTransactionId, finished.Value.StatementBalance));
        var states = await StatesAsync(checking);
        Assert.All(both, id => Assert.Equal(PostingState.Reconciled, states[id]));
        Assert.Equal(PostingState.Uncleared, states[(await PostingIdsAsync(checking, late.Id)).Single()]);
        var again = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, Day3)).Value!;
        Assert.Equal((70_00L, Day2), (again.ReconciledBalance, again.LastStatementDate));
        Assert.Equal(["Rent April"], again.Postings.Select(p => p.Description));
        var listed = (await Reconciliations.ListAsync(alice.Actor, alice.BookId, checking)).Value!;
        Assert.Equal((finished.Value.Id, "alice"), (listed.Single().Id, listed.Single().ReconciledByName));
        await using (var db = await ledger.DbAsync())
        {
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.AccountReconciled);
            Assert.Equal((finished.Value.Id.ToString(), (Guid?)alice.BookId), (audit.EntityId, audit.BookId));
            Assert.Contains("\"postings\":2", audit.Details);
            Assert.All(await db.Postings.Where(p => both.Contains(p.Id)).ToListAsync(), p => Assert.Equal(finished.Value.Id, p.ReconciliationId));
        }
        Assert.Equal(rentPaid.Id, start.Postings[1].TransactionId);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_difference_can_be_finished_with_an_adjustment_that_balances_and_is_reconciled_too()
    {
        var (pay, _, _) = await PostMonthAsync();
        var payOnly = await PostingIdsAsync(checking, pay.Id);

        // The statement says 97.50 where the ticked pay makes 100.00: 2.50 of fees the ledger did not know about.
        var finished = await FinishAsync(alice, 97_50, payOnly, adjustment: fees);

        Assert.Equal(ResultStatus.Created, finished.Status);
        var adjustment = (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, finished.Value!.AdjustmentTransactionId!.Value)).Value!;
        Assert.Equal((ReconciliationService.AdjustmentDescription, Day2), (adjustment.Description, adjustment.Date));
        Assert.Equal([(checking, -2_50L), (fees, 2_50L)], adjustment.Postings.Select(p => (p.AccountId, p.Amount)).OrderBy(p => p.Amount));
        Assert.Equal(2, finished.Value.PostingCount);
        var start = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, Day2)).Value!;
        Assert.Equal(97_50, start.ReconciledBalance);
        Assert.Equal(["Rent"], start.Postings.Select(p => p.Description));
        Assert.Equal(2_50, await ledger.BalanceAsync(fees));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_earlier_statement_is_checked_against_what_was_reconciled_up_to_its_own_date()
    {
        // Day 2's statement is reconciled first; a statement from before day 1 then finds nothing reconciled by its date.
        var (pay, rentPaid, _) = await PostMonthAsync();
        Assert.Equal(ResultStatus.Created, (await FinishAsync(alice, 70_00, await PostingIdsAsync(checking, pay.Id, rentPaid.Id))).Status);
        var earlier = Day1.AddDays(-1);
        var before = await ledger.SnapshotAsync();

        var start = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, earlier)).Value!;
        var refused = await Reconciliations.FinishAsync(alice.Actor, new FinishReconciliation(alice.BookId, checking, earlier, 70_00, []));
        var right = await Reconciliations.FinishAsync(alice.Actor, new FinishReconciliation(alice.BookId, checking, earlier, 0, []));

        Assert.Equal(0, start.ReconciledBalance);
        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Contains("USD 70.00", refused.Errors[nameof(FinishReconciliation.StatementBalance)].Single());
        Assert.Equal((ResultStatus.Created, (Guid?)null), (right.Status, right.Value?.AdjustmentTransactionId));
        var after = await ledger.SnapshotAsync();
        Assert.Equal((before.Transactions, before.Postings, before.BalanceSum), (after.Transactions, after.Postings, after.BalanceSum));
        var later = (await Reconciliations.StartAsync(alice.Actor, alice.BookId, checking, Day3)).Value!;
        Assert.Equal(70_00, later.ReconciledBalance);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_credit_card_is_reconciled_against_what_it_owes_as_people_read_it()
    {
        var card = await ledger.CreateAccountAsync(alice, "Card", AccountType.Liability);
        var charge = await ledger.TransferAsync(alice, card, rent, 40_00, Day1, "Charge");
        var ids = await PostingIdsAsync(card, charge.Id);

        Assert.Equal(40_00, (await Reconciliations.StartAsync(alice.Actor, alice.BookId, card, Day2)).Value!.Postings.Single().Amount);
        var finished = await FinishAsync(alice, 45_00, ids, adjustment: fees, accountId: card);

        Assert.Equal(ResultStatus.Created, finished.Status);
        // The card owes 45.00 (stored as a credit); the fees took the other 5.00.
        Assert.Equal((-45_00L, 5_00L), (await ledger.BalanceAsync(card), await ledger.BalanceAsync(fees)));
        Assert.Equal(45_00, (await Reconciliations.StartAsync(alice.Actor, alice.BookId, card, Day2)).Value!.ReconciledBalance);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_reconciled_transaction_is_voided_only_with_an_owners_explicit_override_which_is_audited()
    {
        var (pay, _, late) = await PostMonthAsync();
        Assert.True((await FinishAsync(alice, 100_00, await PostingIdsAsync(checking, pay.Id))).Succeeded);
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var before = await ledger.SnapshotAsync();

        var refused = await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, pay.Id);
        var corrected = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, pay.Id, new PostTransaction(alice.BookId, Day1, "Pay", null,
            [new PostingLine(checking, 90_00), new PostingLine(salary, -90_00)]));
        var editor = await ledger.Postings.VoidAsync(bob.Actor, alice.BookId, pay.Id, overrideReconciled: true);

        Assert.Equal((ResultStatus.Conflict, PostingService.ReconciledVoidRefused), (refused.Status, refused.Message));
        Assert.Equal(ResultStatus.Conflict, corrected.Status);
        Assert.Equal(ResultStatus.Forbidden, editor.Status);
        Assert.Equal(before, await ledger.SnapshotAsync());
        // Unreconciled transactions void as they always did.
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.VoidAsync(bob.Actor, alice.BookId, late.Id)).Status);

        var voided = await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, pay.Id, overrideReconciled: true);

        Assert.Equal(ResultStatus.Created, voided.Status);
        await using (var db = await ledger.DbAsync())
        {
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.TransactionVoided && a.EntityId == pay.Id.ToString());
            Assert.Equal(alice.UserId, audit.UserId);
            Assert.Contains("\"overrodeReconciled\":1", audit.Details);
            var other = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.TransactionVoided && a.EntityId == late.Id.ToString());
            Assert.DoesNotContain("overrode", other.Details, StringComparison.OrdinalIgnoreCase);
        }
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Two_people_finishing_at_once_do_not_both_reconcile_the_same_postings()
    {
        var (pay, rentPaid, _) = await PostMonthAsync();
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var ids = await PostingIdsAsync(checking, pay.Id, rentPaid.Id);

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Task.Run(() => FinishAsync(alice, 70_00, ids)), Task.Run(() => FinishAsync(bob, 70_00, ids)));
            if (round == 0)
            {
                Assert.Single(results, r => r.Status == ResultStatus.Created);
                var conflict = Assert.Single(results, r => r.Status == ResultStatus.Conflict);
                Assert.Contains("already reconciled (on an earlier statement, or by someone who finished first)", conflict.Message);
            }
            else
            {
                Assert.All(results, r => Assert.Equal(ResultStatus.Conflict, r.Status));
            }
        }

        await using var db = await ledger.DbAsync();
        var reconciliation = await db.Reconciliations.SingleAsync();
        Assert.Equal(2, await db.Postings.CountAsync(p => p.ReconciliationId == reconciliation.Id));
        Assert.Single(await db.AuditEvents.Where(a => a.Action == AuditActions.AccountReconciled).ToListAsync());
        await TestLedger.AssertInvariantsAsync(db);
    }

    [DbFact]
    public async Task Postings_of_another_account_another_book_or_after_the_statement_are_refused_and_nothing_is_written()
    {
        var (pay, _, late) = await PostMonthAsync();
        var bob = await ledger.CreateUserAsync("bob");
        var bobsChecking = await ledger.CreateAccountAsync(bob, "Checking");
        var bobsIncome = await ledger.CreateAccountAsync(bob, "Income", AccountType.Income);
        var bobsPay = await ledger.TransferAsync(bob, bobsIncome, bobsChecking, 100_00, Day1, "Pay");
        var before = await ledger.SnapshotAsync();

        var otherBook = await FinishAsync(alice, 100_00, await PostingIdsAsync(bobsChecking, bobsPay.Id));
        var otherAccount = await FinishAsync(alice, 0, await PostingIdsAsync(salary, pay.Id));
        var afterStatement = await FinishAsync(alice, -50_00, await PostingIdsAsync(checking, late.Id));
        var outsider = await FinishAsync(bob, 100_00, await PostingIdsAsync(checking, pay.Id));
        var adjustmentElsewhere = await FinishAsync(alice, 1_00, [], adjustment: bobsIncome);

        Assert.All([otherBook, otherAccount, afterStatement], r => Assert.Equal(ResultStatus.Invalid, r.Status));
        Assert.Contains(nameof(FinishReconciliation.PostingIds), otherBook.Errors.Keys);
        Assert.Equal(ResultStatus.NotFound, outsider.Status);
        Assert.Contains(nameof(FinishReconciliation.AdjustmentAccountId), adjustmentElsewhere.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());
        await using var db = await ledger.DbAsync();
        Assert.Empty(await db.Reconciliations.ToListAsync());
        Assert.DoesNotContain(await db.Postings.Select(p => p.State).ToListAsync(), s => s != PostingState.Uncleared);
    }

    [DbFact]
    public async Task A_viewer_can_see_reconciliations_but_not_finish_one()
    {
        var (pay, _, _) = await PostMonthAsync();
        var carol = await ledger.CreateUserAsync("carol");
        await ledger.AddMemberAsync(alice.BookId, carol, BookRole.Viewer);

        var refused = await FinishAsync(carol, 100_00, await PostingIdsAsync(checking, pay.Id));
        Assert.True((await FinishAsync(alice, 100_00, await PostingIdsAsync(checking, pay.Id))).Succeeded);

        Assert.Equal(ResultStatus.Forbidden, refused.Status);
        Assert.Single((await Reconciliations.ListAsync(carol.Actor, alice.BookId, checking)).Value!);
    }
}

public sealed class ReconciliationServiceTestsOnSqlite : ReconciliationServiceTests;

public sealed class ReconciliationServiceTestsOnPostgres : ReconciliationServiceTests, IOnPostgres;
