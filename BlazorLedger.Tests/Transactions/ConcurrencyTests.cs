using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Transactions;

/// <summary>Many writers at once on a real database file, as concurrent circuits and API requests produce them.</summary>
public abstract class ConcurrencyTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this, concurrent: true);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task Sixteen_concurrent_writers_lose_no_update_and_every_balance_equals_its_postings()
    {
        var alice = await ledger.CreateUserAsync("alice");
        var accounts = new List<(Guid Id, string Currency)>();
        for (var i = 0; i < 10; i++)
        {
            var currency = i < 6 ? "USD" : i < 8 ? "EUR" : "JPY";
            accounts.Add((await ledger.CreateAccountAsync(alice, $"Account {i}", currency: currency), currency));
        }
        const int writers = 16, transfersEach = 200;

        var failures = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            var failed = new List<string>();
            for (var n = 0; n < transfersEach; n++)
            {
                var from = accounts[random.Next(accounts.Count)];
                var candidates = accounts.Where(a => a.Currency == from.Currency && a.Id != from.Id).ToList();
                var to = candidates[random.Next(candidates.Count)];
                var amount = random.NextInt64(1, 1_000_000);
                var result = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId,
                    DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-random.Next(0, 365)), $"Transfer {writer}/{n}", null,
                    [new PostingLine(to.Id, amount), new PostingLine(from.Id, -amount)], $"w{writer}-n{n}"));
                if (result.Status != ResultStatus.Created)
                {
                    failed.Add($"{writer}/{n}: {result.Status} {result.Message}");
                }
            }
            return failed;
        })));

        Assert.Empty(failures.SelectMany(f => f));
        await using var db = await ledger.DbAsync();
        Assert.Equal(writers * transfersEach, await db.Transactions.CountAsync());
        var balances = await db.Accounts.Where(a => a.BookId == alice.BookId).Select(a => new { a.Id, a.Currency, a.Balance }).ToListAsync();
        var sums = await db.Postings.GroupBy(p => p.AccountId).Select(g => new { AccountId = g.Key, Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(s => s.AccountId, s => s.Sum);
        Assert.All(balances, a => Assert.Equal(sums.GetValueOrDefault(a.Id), a.Balance));
        Assert.All(balances.GroupBy(a => a.Currency), currency => Assert.Equal(0, currency.Sum(a => a.Balance)));
        Assert.Contains(balances, a => a.Balance != 0);
        // The counters behind the admin figures agree with the rows they count.
        Assert.Equal(writers * transfersEach, await db.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
        Assert.Equal(writers * transfersEach, await db.DailyActivity.Where(a => a.Currency == "*").SumAsync(a => a.Transactions));
        var volumes = await db.Postings.Where(p => p.Amount > 0).GroupBy(p => p.Account!.Currency)
            .Select(g => new { Currency = g.Key, Volume = g.Sum(p => p.Amount) }).ToDictionaryAsync(v => v.Currency, v => v.Volume);
        var counted = await db.DailyActivity.Where(a => a.Currency != "*").GroupBy(a => a.Currency)
            .Select(g => new { Currency = g.Key, Volume = g.Sum(a => a.Volume) }).ToDictionaryAsync(v => v.Currency, v => v.Volume);
        Assert.Equal(volumes, counted);
    }

    [DbFact]
    public async Task Sixteen_parallel_writers_on_two_books_get_gap_free_unique_numbers_per_book()
    {
        var alice = await ledger.CreateUserAsync("alice");
        var bob = await ledger.CreateUserAsync("bob");
        var books = new[] { alice, bob };
        var accounts = new List<(Guid Cash, Guid Food)>();
        foreach (var owner in books)
        {
            accounts.Add((await ledger.CreateAccountAsync(owner, "Cash"), await ledger.CreateAccountAsync(owner, "Food", AccountType.Expense)));
        }
        const int writers = 16, postsEach = 40;

        var failures = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var (owner, (cash, food)) = (books[writer % 2], accounts[writer % 2]);
            var failed = new List<string>();
            for (var n = 0; n < postsEach; n++)
            {
                var posted = await ledger.Postings.PostAsync(owner.Actor, new PostTransaction(owner.BookId, DateOnly.FromDateTime(DateTime.UtcNow),
                    $"Lunch {writer}/{n}", null, [new PostingLine(food, 1_00 + n), new PostingLine(cash, -1_00 - n)], $"w{writer}-n{n}"));
                // Voids are numbered too; refused posts (a replay, an unbalanced one) must not use up a number.
                var voided = n % 4 == 0 ? await ledger.Postings.VoidAsync(owner.Actor, owner.BookId, posted.Value!.Id) : posted;
                var replayed = await ledger.Postings.PostAsync(owner.Actor, new PostTransaction(owner.BookId, DateOnly.FromDateTime(DateTime.UtcNow),
                    $"Lunch {writer}/{n}", null, [new PostingLine(food, 1_00 + n), new PostingLine(cash, -1_00 - n)], $"w{writer}-n{n}"));
                var unbalanced = await ledger.Postings.PostAsync(owner.Actor, new PostTransaction(owner.BookId, DateOnly.FromDateTime(DateTime.UtcNow),
                    "Unbalanced", null, [new PostingLine(food, 1_00), new PostingLine(cash, -99)]));
                if (posted.Status != ResultStatus.Created || voided.Status != ResultStatus.Created || replayed.Status != ResultStatus.Ok
                    || unbalanced.Status != ResultStatus.Invalid)
                {
                    failed.Add($"{writer}/{n}: {posted.Status} {voided.Status} {replayed.Status} {unbalanced.Status}");
                }
            }
            return failed;
        })));

        Assert.Empty(failures.SelectMany(f => f));
        await using var db = await ledger.DbAsync();
        const int expected = writers / 2 * (postsEach + postsEach / 4);
        foreach (var owner in books)
        {
            var numbers = await db.Transactions.Where(t => t.BookId == owner.BookId).Select(t => t.Number).ToListAsync();
            Assert.Equal(Enumerable.Range(1, expected).Select(n => (long)n), numbers.Order());
            Assert.Equal(expected, await db.Books.Where(b => b.Id == owner.BookId).Select(b => b.TransactionCount).SingleAsync());
        }
    }

    [DbFact]
    public async Task Twenty_parallel_submits_with_one_key_create_exactly_one_transaction()
    {
        var alice = await ledger.CreateUserAsync("alice");
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        var command = new PostTransaction(alice.BookId, DateOnly.FromDateTime(DateTime.UtcNow), "Lunch", "Cafe",
            [new PostingLine(food, 15_00), new PostingLine(cash, -15_00)], "double-click-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ledger.Postings.PostAsync(alice.Actor, command))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => r.Status == ResultStatus.Created);
        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.Transactions.CountAsync());
        Assert.Equal(15_00, await ledger.BalanceAsync(food));
        Assert.Equal(-15_00, await ledger.BalanceAsync(cash));
    }

    [DbFact]
    public async Task Sixteen_parallel_voids_of_one_transaction_reverse_it_exactly_once()
    {
        var alice = await ledger.CreateUserAsync("alice");
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        var lunch = await ledger.TransferAsync(alice, cash, food, 15_00);

        var results = await AllAtOnce.RunAsync(16, i => ledger.Postings.VoidAsync((i % 2 == 0 ? alice : bob).Actor, alice.BookId, lunch.Id));

        Assert.Single(results, r => r.Status == ResultStatus.Created);
        Assert.All(results.Where(r => r.Status != ResultStatus.Created), r =>
        {
            Assert.Equal(ResultStatus.Conflict, r.Status);
            Assert.Contains("already been voided", r.Message);
        });
        await using var db = await ledger.DbAsync();
        Assert.Equal([1L, 2L], (await db.Transactions.Select(t => t.Number).ToListAsync()).Order());
        Assert.Equal(2, await db.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
        Assert.Equal(0, await ledger.BalanceAsync(food));
        Assert.Equal(0, await ledger.BalanceAsync(cash));
    }

    [DbFact]
    public async Task Two_editors_replaying_one_key_in_parallel_create_exactly_one_transaction_each()
    {
        var alice = await ledger.CreateUserAsync("alice");
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        var command = new PostTransaction(alice.BookId, DateOnly.FromDateTime(DateTime.UtcNow), "Lunch", "Cafe",
            [new PostingLine(food, 15_00), new PostingLine(cash, -15_00)], "double-click-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => ledger.Postings.PostAsync((i % 2 == 0 ? alice : bob).Actor, command))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(2, results.Count(r => r.Status == ResultStatus.Created));
        var byUser = results.GroupBy(r => r.Value!.CreatedById).ToDictionary(g => g.Key, g => g.Select(r => r.Value!.Id).Distinct().ToList());
        Assert.Single(byUser[alice.UserId]);
        Assert.Single(byUser[bob.UserId]);
        await using var db = await ledger.DbAsync();
        Assert.Equal(2, await db.Transactions.CountAsync());
        Assert.Equal(2 * 15_00, await ledger.BalanceAsync(food));
    }
}

public sealed class ConcurrencyTestsOnSqlite : ConcurrencyTests;

public sealed class ConcurrencyTestsOnPostgres : ConcurrencyTests, IOnPostgres;
