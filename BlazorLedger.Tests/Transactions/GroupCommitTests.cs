using System.Collections.Concurrent;
using System.Diagnostics;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

/// <summary>
/// Group commit: single posts that queue behind a write are written together in one database transaction, and each caller
/// is answered, with its own outcome, only once that transaction is committed. Each test holds the write lock that posts
/// queue on, lets posts queue behind it, then lets go.
/// </summary>
public abstract class GroupCommitTests : IAsyncLifetime
{
    private readonly CommitCounter commits = new();
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, groceries;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
    }

    public async Task DisposeAsync()
    {
        commits.Dispose();
        await ledger.DisposeAsync();
    }

    private PostTransaction Spend(long amount, string? key = null, Guid? account = null) =>
        new(alice.BookId, Today, $"Groceries {amount}", null, [new PostingLine(account ?? groceries, amount), new PostingLine(checking, -amount)], key);

    /// <summary>
    /// Holds the lock posts to alice's book queue on, starts <paramref name="posts"/> (the first alone, to become the writer
    /// that waits for the lock), waits until the others queue behind it in order, then lets go and returns each caller's answer with
    /// the number of commits there had been when it was answered.
    /// </summary>
    private async Task<(Result<TransactionDto> Result, int CommitsBefore)[]> QueueBehindLockAsync(List<(TestUser User, PostTransaction Post)> posts)
    {
        var queue = ledger.Services.GetRequiredService<PostingQueue>();
        var lane = queue.LaneOf(alice.BookId);
        var holder = await ledger.DbAsync();
        var held = await holder.BeginWriteTransactionAsync(default);
        await holder.LockBooksAsync([alice.BookId], default);

        Task<(Result<TransactionDto>, int)> Start((TestUser User, PostTransaction Post) post) => Task.Run(async () =>
        {
            var result = await ledger.Postings.PostAsync(post.User.Actor, post.Post);
            return (result, commits.Count);
        });
        commits.Reset(holder.Database.GetConnectionString()!);
        var writer = Start(posts[0]);
        await Eventually.TrueAsync(() => queue.StateOf(lane) == (true, 0), "the first post to become the lane's writer");
        var queued = new List<Task<(Result<TransactionDto>, int)>>();
        foreach (var post in posts.Skip(1))
        {
            // One at a time, so that they queue in the order given.
            queued.Add(Start(post));
            await Eventually.TrueAsync(() => queue.StateOf(lane) == (true, queued.Count), "the post to queue behind the writer");
        }

        await held.DisposeAsync();
        await holder.DisposeAsync();
        return await Task.WhenAll(queued.Prepend(writer));
    }

    /// <summary>An account of alice's whose balance is 10 short of the largest that can be stored.</summary>
    private async Task<Guid> NearlyFullAccountAsync()
    {
        var full = await ledger.CreateAccountAsync(alice, "Full");
        await using var db = await ledger.DbAsync();
        await db.Accounts.Where(a => a.Id == full).ExecuteUpdateAsync(a => a.SetProperty(x => x.Balance, long.MaxValue - 10));
        return full;
    }

    [DbFact]
    public async Task Queued_posts_are_written_in_one_transaction_and_each_caller_is_answered_only_after_its_commit()
    {
        var posts = Enumerable.Range(1, 16).Select(i => (alice, Spend(i * 100, $"k{i}"))).ToList();

        var answers = await QueueBehindLockAsync(posts);

        Assert.All(answers, a => Assert.Equal(ResultStatus.Created, a.Result.Status));
        // The writer commits its own post, then the fifteen that queued behind it commit together.
        Assert.Equal(2, commits.Count);
        Assert.Equal(1, answers[0].CommitsBefore);
        Assert.All(answers.Skip(1), a => Assert.Equal(2, a.CommitsBefore));
        Assert.Equal(Enumerable.Range(1, 16).Select(n => (long)n), answers.Select(a => a.Result.Value!.Number).Order());
        Assert.Equal(-posts.Sum(p => p.Item2.Postings[0].Amount), await ledger.BalanceAsync(checking));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Each_post_of_a_group_gets_its_own_outcome_and_a_refused_one_takes_no_number()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var viewer = await ledger.CreateUserAsync("vera");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        var bobsAccount = await ledger.CreateAccountAsync(bob, "Bob's cash");
        var earlier = await ledger.Postings.PostAsync(alice.Actor, Spend(1, "earlier"));
        var before = await ledger.SnapshotAsync();

        var answers = await QueueBehindLockAsync([
            (alice, Spend(100, "first")),
            (alice, Spend(200, "second")),
            (alice, Spend(300, "bad", account: bobsAccount)),
            (viewer, Spend(400, "viewer")),
            (bob, Spend(500, "outsider")),
            (alice, Spend(1, "earlier")),
            (alice, Spend(2, "earlier")),
            (alice, Spend(200, "second")),
            (alice, Spend(600, "third")),
        ]);

        Assert.Equal(
            [ResultStatus.Created, ResultStatus.Created, ResultStatus.Invalid, ResultStatus.Forbidden, ResultStatus.NotFound,
                ResultStatus.Ok, ResultStatus.Conflict, ResultStatus.Ok, ResultStatus.Created],
            answers.Select(a => a.Result.Status));
        Assert.Equal(earlier.Value!.Id, answers[5].Result.Value!.Id);
        Assert.Equal(answers[1].Result.Value!.Id, answers[7].Result.Value!.Id);
        // Numbers stay gapless and the book's counter counts transactions: refused posts gave theirs back.
        Assert.Equal([2L, 3L, 4L], new[] { answers[0], answers[1], answers[8] }.Select(a => a.Result.Value!.Number));
        await using var db = await ledger.DbAsync();
        Assert.Equal(4, await db.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
        Assert.Equal(before.Transactions + 3, (await ledger.SnapshotAsync()).Transactions);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_post_that_would_overflow_a_balance_fails_alone_and_the_rest_of_its_group_is_posted()
    {
        var full = await NearlyFullAccountAsync();

        var answers = await QueueBehindLockAsync([
            (alice, Spend(100, "a")),
            (alice, Spend(200, "b")),
            (alice, Spend(300, "overflow", account: full)),
            (alice, Spend(400, "c")),
        ]);

        Assert.Equal([ResultStatus.Created, ResultStatus.Created, ResultStatus.Invalid, ResultStatus.Created], answers.Select(a => a.Result.Status));
        Assert.Contains("beyond what can be stored", answers[2].Result.Message ?? string.Join(" ", answers[2].Result.Errors.SelectMany(e => e.Value)));
        Assert.Equal(long.MaxValue - 10, await ledger.BalanceAsync(full));
        Assert.Equal(700, await ledger.BalanceAsync(groceries));
        Assert.Equal([1L, 2L, 3L], answers.Where(a => a.Result.Status == ResultStatus.Created).Select(a => a.Result.Value!.Number).Order());
    }

    [DbFact]
    public async Task A_group_whose_running_balance_would_overflow_on_its_way_is_posted_as_if_each_post_were_alone()
    {
        // The group's net change to Full is nothing, but its first post alone would take the balance beyond 64 bits.
        var full = await NearlyFullAccountAsync();

        var answers = await QueueBehindLockAsync([
            (alice, Spend(100, "a")),
            (alice, Spend(300, "up", account: full)),
            (alice, Spend(-300, "down", account: full)),
            (alice, Spend(400, "b")),
        ]);

        Assert.Equal([ResultStatus.Created, ResultStatus.Invalid, ResultStatus.Created, ResultStatus.Created], answers.Select(a => a.Result.Status));
        Assert.Equal(long.MaxValue - 310, await ledger.BalanceAsync(full));
        Assert.Equal(500, await ledger.BalanceAsync(groceries));
    }

    [DbFact]
    public async Task A_post_that_would_take_an_accounts_day_beyond_64_bits_is_refused_and_writes_nothing()
    {
        // The account's balance has room; what was posted to it today already nearly fills a day's 64 bits.
        var full = await ledger.CreateAccountAsync(alice, "Full day");
        await ledger.Postings.PostAsync(alice.Actor, Spend(1, account: full));
        await using (var db = await ledger.DbAsync())
        {
            await db.AccountDays.Where(d => d.AccountId == full).ExecuteUpdateAsync(d => d.SetProperty(x => x.Amount, long.MaxValue - 10));
        }

        var result = await ledger.Postings.PostAsync(alice.Actor, Spend(100, "over", account: full));

        Assert.Equal((ResultStatus.Invalid, "This would take the balance of \"Full day\" beyond what can be stored."),
            (result.Status, result.Errors.Values.Single().Single()));
        Assert.Equal(1, await ledger.BalanceAsync(full));
        await using var after = await ledger.DbAsync();
        Assert.Equal(long.MaxValue - 10, await after.AccountDays.Where(d => d.AccountId == full).Select(d => d.Amount).SingleAsync());
        Assert.Equal(1, await after.Transactions.CountAsync());
    }

    [DbFact]
    public async Task A_group_counts_every_post_in_the_days_activity_and_every_amount_in_its_account_days()
    {
        var posts = Enumerable.Range(1, 12).Select(i => (alice, Spend(i, $"k{i}"))).ToList();

        var answers = await QueueBehindLockAsync(posts);

        Assert.All(answers, a => Assert.Equal(ResultStatus.Created, a.Result.Status));
        Assert.Equal(2, commits.Count);
        await using var db = await ledger.DbAsync();
        var activity = await db.DailyActivity.GroupBy(a => a.Currency)
            .Select(g => new { Currency = g.Key, Transactions = g.Sum(a => a.Transactions), Volume = g.Sum(a => a.Volume) })
            .OrderBy(a => a.Currency).ToListAsync();
        Assert.Equal([new { Currency = DailyActivity.AllCurrencies, Transactions = 12L, Volume = 0L }, new { Currency = "USD", Transactions = 12L, Volume = 78L }],
            activity);
        Assert.Equal(-78, await db.AccountDays.Where(d => d.AccountId == checking && d.Date == Today).Select(d => d.Amount).SingleAsync());
        await ledger.AssertInvariantsAsync();
    }

    /// <summary>Counts the commits of database transactions on one database, from EF's diagnostic events and the SQLite posting writer's.</summary>
    private sealed class CommitCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentBag<IDisposable> subscriptions = [];
        private readonly IDisposable all;
        private int count;
        private string? database;

        public void Reset(string connectionString)
        {
            Volatile.Write(ref database, connectionString);
            Interlocked.Exchange(ref count, 0);
        }

        public CommitCounter() => all = DiagnosticListener.AllListeners.Subscribe(this);

        public int Count => Volatile.Read(ref count);

        void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.TransactionCommitted.Name));
            }
            else if (listener.Name == SqlitePostingWriter.DiagnosticsName)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == SqlitePostingWriter.CommittedEvent));
            }
        }

        void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
        {
            // Tests run in parallel: only this test's database counts.
            var committedTo = value.Value switch
            {
                TransactionEndEventData { Context: { } context } => context.Database.GetConnectionString(),
                string connectionString => connectionString,
                _ => null,
            };
            if (committedTo is not null && committedTo == Volatile.Read(ref database))
            {
                Interlocked.Increment(ref count);
            }
        }

        void IObserver<DiagnosticListener>.OnCompleted() { }
        void IObserver<DiagnosticListener>.OnError(Exception error) { }
        void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
        void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

        public void Dispose()
        {
            all.Dispose();
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}

public sealed class GroupCommitTestsOnSqlite : GroupCommitTests;

public sealed class GroupCommitTestsOnPostgres : GroupCommitTests, IOnPostgres;
