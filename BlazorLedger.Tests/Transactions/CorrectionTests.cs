using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Transactions;

/// <summary>Correcting a transaction: its void and its replacement, both or neither, on each provider.</summary>
public abstract class CorrectionTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, groceries, dining;
    private static readonly DateOnly Day = new(2026, 3, 10);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
        dining = await ledger.CreateAccountAsync(alice, "Dining", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private PostTransaction Replacement(long amount = 21_00, Guid? expense = null, string? key = "fix-1", DateOnly? date = null) =>
        new(alice.BookId, date ?? Day.AddDays(1), "Dinner", "Bistro", [new PostingLine(expense ?? dining, amount), new PostingLine(checking, -amount)], key,
            ["Food", "friends"]);

    private async Task<(int Transactions, int Postings, int Audit, long Balances, int Days, int Tags)> StateAsync()
    {
        var (transactions, postings, audit, balances) = await ledger.SnapshotAsync();
        await using var db = await ledger.DbAsync();
        return (transactions, postings, audit, balances, await db.AccountDays.CountAsync(), await db.TransactionTags.CountAsync());
    }

    [DbFact]
    public async Task Correcting_voids_the_original_and_posts_the_replacement_linked_both_ways()
    {
        var original = await ledger.TransferAsync(alice, checking, groceries, 12_00, Day, "Dinnr");

        var result = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, original.Id, Replacement());

        Assert.Equal(ResultStatus.Created, result.Status);
        var replacement = result.Value!;
        Assert.Equal(new TransactionRef(original.Id, original.Number), replacement.Corrects);
        Assert.Equal(["food", "friends"], replacement.Tags);
        Assert.Equal(3, replacement.Number);
        var corrected = (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, original.Id)).Value!;
        Assert.Equal(new TransactionRef(replacement.Id, 3), corrected.CorrectedBy);
        Assert.True(corrected.IsVoided);
        var reversal = (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, corrected.ReversedById!.Value)).Value!;
        Assert.Equal(2, reversal.Number);
        Assert.Equal(original.Id, reversal.ReversesId);
        Assert.Equal(Day, reversal.Date);
        Assert.Equal(0, await ledger.BalanceAsync(groceries));
        Assert.Equal(21_00, await ledger.BalanceAsync(dining));
        Assert.Equal(-21_00, await ledger.BalanceAsync(checking));
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "transaction.corrected" && a.EntityId == original.Id.ToString()));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_invalid_replacement_writes_nothing_not_even_the_void()
    {
        var original = await ledger.TransferAsync(alice, checking, groceries, 12_00, Day, "Dinnr");
        var unbalanced = Replacement() with { Postings = [new PostingLine(dining, 21_00), new PostingLine(checking, -20_00)] };
        var archivedAccount = await ledger.CreateAccountAsync(alice, "Old card", AccountType.Liability);
        await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, archivedAccount, archived: true);
        var before = await StateAsync();

        foreach (var bad in new[]
        {
            unbalanced,
            Replacement() with { Description = " " },
            Replacement() with { Tags = ["ok", "not ok"] },
            Replacement(expense: archivedAccount),
            Replacement(expense: Guid.NewGuid()),
        })
        {
            var result = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, original.Id, bad);
            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.Equal(before, await StateAsync());
        }
        var still = (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, original.Id)).Value!;
        Assert.False(still.IsVoided);
        Assert.Equal(12_00, await ledger.BalanceAsync(groceries));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_retry_with_the_same_key_and_body_answers_the_first_replacement_and_another_body_is_a_conflict()
    {
        var original = await ledger.TransferAsync(alice, checking, groceries, 12_00, Day, "Dinnr");
        var first = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, original.Id, Replacement());
        var state = await StateAsync();

        var retry = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, original.Id, Replacement());
        var changed = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, original.Id, Replacement(amount: 22_00));
        var asPost = await ledger.Postings.PostAsync(alice.Actor, Replacement());

        Assert.Equal(ResultStatus.Ok, retry.Status);
        Assert.Equal(first.Value!.Id, retry.Value!.Id);
        Assert.Equal(ResultStatus.Conflict, changed.Status);
        Assert.Equal(ResultStatus.Conflict, asPost.Status);
        Assert.Equal(state, await StateAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_corrected_voided_or_reversing_transaction_cannot_be_corrected()
    {
        var corrected = await ledger.TransferAsync(alice, checking, groceries, 12_00, Day, "Once");
        var replacement = (await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, corrected.Id, Replacement())).Value!;
        var voided = await ledger.TransferAsync(alice, checking, groceries, 5_00, Day, "Voided");
        var reversal = (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, voided.Id)).Value!;
        var state = await StateAsync();

        var twice = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, corrected.Id, Replacement(key: "fix-2"));
        var ofVoided = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, voided.Id, Replacement(key: "fix-3"));
        var ofReversal = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, reversal.Id, Replacement(key: "fix-4"));
        var voidCorrected = await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, corrected.Id);

        Assert.Equal(ResultStatus.Conflict, twice.Status);
        Assert.Contains("already been corrected", twice.Message);
        Assert.Equal(ResultStatus.Conflict, ofVoided.Status);
        Assert.Contains("voided", ofVoided.Message);
        Assert.Equal(ResultStatus.Conflict, ofReversal.Status);
        Assert.Equal(ResultStatus.Conflict, voidCorrected.Status);
        Assert.Equal(state, await StateAsync());

        // The replacement itself is an ordinary transaction: it can be corrected in turn.
        var again = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, replacement.Id, Replacement(amount: 19_00, key: "fix-5"));
        Assert.Equal(ResultStatus.Created, again.Status);
        Assert.Equal(19_00, await ledger.BalanceAsync(dining));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Another_books_transaction_or_account_is_refused_and_viewers_cannot_correct()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var bobCash = await ledger.CreateAccountAsync(bob, "Bob cash");
        var bobFood = await ledger.CreateAccountAsync(bob, "Bob food", AccountType.Expense);
        var bobs = await ledger.TransferAsync(bob, bobCash, bobFood, 3_00, Day, "Bob's");
        var alices = await ledger.TransferAsync(alice, checking, groceries, 12_00, Day, "Alice's");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Viewer);
        var state = await StateAsync();

        var viaOwnBook = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, bobs.Id, Replacement());
        var intoOtherBook = await ledger.Postings.CorrectAsync(alice.Actor, bob.BookId, bobs.Id, Replacement());
        var withBobsAccount = await ledger.Postings.CorrectAsync(alice.Actor, alice.BookId, alices.Id, Replacement(expense: bobFood));
        var byViewer = await ledger.Postings.CorrectAsync(bob.Actor, alice.BookId, alices.Id, Replacement() with { BookId = alice.BookId });

        Assert.Equal(ResultStatus.NotFound, viaOwnBook.Status);
        Assert.Equal(ResultStatus.NotFound, intoOtherBook.Status);
        Assert.Equal(ResultStatus.Invalid, withBobsAccount.Status);
        Assert.Equal(ResultStatus.Forbidden, byViewer.Status);
        Assert.Equal(state, await StateAsync());
        await ledger.AssertInvariantsAsync();
    }
}

public sealed class CorrectionTestsOnSqlite : CorrectionTests;

public sealed class CorrectionTestsOnPostgres : CorrectionTests, IOnPostgres;
