using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

/// <summary>Amending a transaction's text and tags, and finding transactions by tag, on each provider.</summary>
public abstract class AmendmentTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, food;
    private static readonly DateOnly Day = new(2026, 3, 10);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<TransactionDto> PostAsync(string description = "Lunhc", IReadOnlyList<string>? tags = null, DateOnly? date = null)
    {
        var result = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, date ?? Day, description, "Cafe",
            [new PostingLine(food, 9_50, "sandwich"), new PostingLine(checking, -9_50)], Tags: tags));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private AmendTransaction Amend(TransactionDto tx, string description = "Lunch", string? payee = "Corner cafe",
        IReadOnlyList<string?>? memos = null, IReadOnlyList<string>? tags = null, long? version = null) =>
        new(alice.BookId, tx.Id, version ?? tx.Version, description, payee, memos ?? ["sandwich and tea", null], tags ?? ["work"]);

    private async Task<object> MoneyStateAsync()
    {
        await using var db = await ledger.DbAsync();
        var postings = await db.Postings.OrderBy(p => p.Id).Select(p => new { p.Id, p.AccountId, p.Amount, p.Date, p.TransactionId }).ToListAsync();
        var days = await db.AccountDays.OrderBy(d => d.AccountId).ThenBy(d => d.Date).Select(d => new { d.AccountId, d.Date, d.Amount }).ToListAsync();
        var balances = await db.Accounts.OrderBy(a => a.Id).Select(a => new { a.Id, a.Balance }).ToListAsync();
        var transactions = await db.Transactions.OrderBy(t => t.Number).Select(t => new { t.Id, t.Number, t.Date }).ToListAsync();
        return string.Join("\n", postings.Select(p => p.ToString()).Concat(days.Select(d => d.ToString()))
            .Concat(balances.Select(b => b.ToString())).Concat(transactions.Select(t => t.ToString())));
    }

    [DbFact]
    public async Task Amending_changes_text_and_tags_records_who_when_and_what_and_never_touches_money()
    {
        var tx = await PostAsync(tags: ["lunch"]);
        var money = await MoneyStateAsync();

        var result = await ledger.Postings.AmendAsync(alice.Actor, Amend(tx, tags: ["Work", "lunch"]));

        Assert.Equal(ResultStatus.Ok, result.Status);
        var amended = result.Value!;
        Assert.Equal("Lunch", amended.Description);
        Assert.Equal("Corner cafe", amended.Payee);
        Assert.Equal(["sandwich and tea", null], amended.Postings.Select(p => p.Memo));
        Assert.Equal(["lunch", "work"], amended.Tags);
        Assert.Equal(1, amended.Version);
        Assert.Equal(tx.Postings.Select(p => (p.AccountId, p.Amount)), amended.Postings.Select(p => (p.AccountId, p.Amount)));
        Assert.Equal(money, await MoneyStateAsync());

        var history = (await ledger.Postings.AmendmentsAsync(alice.Actor, alice.BookId, tx.Id)).Value!;
        var entry = Assert.Single(history);
        Assert.Equal("alice", entry.ByName);
        Assert.Equal(1, entry.Version);
        Assert.True(new AmendableFields("Lunhc", "Cafe", ["sandwich", null], ["lunch"]).SameAs(entry.Before));
        Assert.Equal("Lunch", entry.After.Description);
        Assert.Equal(["lunch", "work"], entry.After.Tags);
        Assert.Equal(["sandwich and tea", null], entry.After.Memos);
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "transaction.amended" && a.EntityId == tx.Id.ToString()));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_amendment_against_an_old_version_is_a_conflict_with_the_current_values()
    {
        var tx = await PostAsync();
        await ledger.Postings.AmendAsync(alice.Actor, Amend(tx, description: "First edit"));

        var stale = await ledger.Postings.AmendAsync(alice.Actor, Amend(tx, description: "Second edit", version: 0));

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal("First edit", stale.Value!.Description);
        Assert.Equal(1, stale.Value.Version);
        Assert.Single((await ledger.Postings.AmendmentsAsync(alice.Actor, alice.BookId, tx.Id)).Value!);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Refused_amendments_write_nothing_and_say_why()
    {
        var tx = await PostAsync();
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Viewer);
        var before = await ledger.SnapshotAsync();

        var cases = new (AmendTransaction Command, TestUser By, ResultStatus Status, string? Field)[]
        {
            (Amend(tx, description: "  "), alice, ResultStatus.Invalid, "Description"),
            (Amend(tx, memos: ["only one"]), alice, ResultStatus.Invalid, "Memos"),
            (Amend(tx, memos: [new string('m', 201), null]), alice, ResultStatus.Invalid, "Memos[0]"),
            (Amend(tx, tags: Enumerable.Range(0, 11).Select(i => $"t{i}").ToList()), alice, ResultStatus.Invalid, "Tags"),
            (Amend(tx, tags: ["bad\u0007bell"]), alice, ResultStatus.Invalid, "Tags"),
            (Amend(tx, tags: [new string('x', 33)]), alice, ResultStatus.Invalid, "Tags"),
            (Amend(tx), bob, ResultStatus.Forbidden, null),
            (Amend(tx) with { BookId = bob.BookId }, alice, ResultStatus.NotFound, null),
            (Amend(tx) with { TransactionId = Guid.NewGuid() }, alice, ResultStatus.NotFound, null),
        };
        foreach (var (command, by, status, field) in cases)
        {
            var result = await ledger.Postings.AmendAsync(by.Actor, command);
            Assert.Equal(status, result.Status);
            if (field is not null)
            {
                Assert.Contains(field, result.Errors.Keys);
            }
        }
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal("Lunhc", (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, tx.Id)).Value!.Description);
        Assert.Empty((await ledger.Postings.AmendmentsAsync(alice.Actor, alice.BookId, tx.Id)).Value!);
    }

    [DbFact]
    public async Task An_amendment_that_changes_nothing_stores_nothing()
    {
        var tx = await PostAsync(tags: ["b", "a"]);

        var same = await ledger.Postings.AmendAsync(alice.Actor,
            new AmendTransaction(alice.BookId, tx.Id, 0, " Lunhc ", "Cafe", ["sandwich", ""], ["A", "b"]));

        Assert.Equal(ResultStatus.Ok, same.Status);
        Assert.Equal(0, same.Value!.Version);
        Assert.Empty((await ledger.Postings.AmendmentsAsync(alice.Actor, alice.BookId, tx.Id)).Value!);
    }

    [DbFact]
    public async Task Tags_are_normalised_on_every_write_path_and_filter_the_list()
    {
        var tagged = await PostAsync("Trip lunch", [" Travel ", "travel", "WORK", ""]);
        await PostAsync("Home lunch", ["home"]);
        var batch = await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId,
        [
            new PostTransaction(alice.BookId, Day, "Train", null, [new PostingLine(food, 20_00), new PostingLine(checking, -20_00)], "b1", ["Travel"]),
        ]));
        Assert.True(batch.Succeeded, batch.Message);
        var refused = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Day, "Bad", null,
            [new PostingLine(food, 1_00), new PostingLine(checking, -1_00)], Tags: ["two words"]));

        Assert.Equal(["travel", "work"], tagged.Tags);
        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Contains("\"two words\"", refused.Errors["Tags"][0]);
        var travel = (await ledger.Services.GetRequiredService<TransactionListService>()
            .SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Tag: "TRAVEL"))).Value!;
        Assert.Equal(["Train", "Trip lunch"], travel.Items.Select(i => i.Description).Order());
        Assert.All(travel.Items, i => Assert.Contains("travel", i.TagList));
        var badFilter = await ledger.Services.GetRequiredService<TransactionListService>()
            .SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Tag: "a b"));
        Assert.Equal(ResultStatus.Invalid, badFilter.Status);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Tags_of_another_book_never_match()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var bobCash = await ledger.CreateAccountAsync(bob, "Bob cash");
        var bobFood = await ledger.CreateAccountAsync(bob, "Bob food", AccountType.Expense);
        await ledger.Postings.PostAsync(bob.Actor, new PostTransaction(bob.BookId, Day, "Bob's", null,
            [new PostingLine(bobFood, 1_00), new PostingLine(bobCash, -1_00)], Tags: ["secret"]));
        await PostAsync("Mine", ["other"]);

        var found = (await ledger.Services.GetRequiredService<TransactionListService>()
            .SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Tag: "secret"))).Value!;

        Assert.Empty(found.Items);
        await ledger.AssertInvariantsAsync();
    }
}

public sealed class AmendmentTestsOnSqlite : AmendmentTests;

public sealed class AmendmentTestsOnPostgres : AmendmentTests, IOnPostgres;
