using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Transactions;

public abstract class RegisterTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, salary, groceries;
    private static readonly DateOnly Start = new(2026, 1, 1);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        salary = await ledger.CreateAccountAsync(alice, "Salary", AccountType.Income);
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    /// <summary>Posts 'count' transactions into checking on shuffled dates (so insertion order is not date order).</summary>
    private async Task<List<(DateOnly Date, long Amount)>> SeedAsync(int count)
    {
        var random = new Random(7);
        var posted = new List<(DateOnly, long)>();
        for (var i = 0; i < count; i++)
        {
            var date = Start.AddDays(random.Next(0, 60));
            var amount = random.Next(1, 10_000) * (i % 3 == 0 ? -1 : 1);
            if (amount > 0)
            {
                await ledger.TransferAsync(alice, salary, checking, amount, date, $"Pay {i}");
            }
            else
            {
                await ledger.TransferAsync(alice, checking, groceries, -amount, date, i % 2 == 0 ? $"Market {i}" : $"Bakery {i}");
            }
            posted.Add((date, amount));
        }
        return posted;
    }

    private async Task<List<RegisterRow>> ReadAllAsync(RegisterQuery query)
    {
        var rows = new List<RegisterRow>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ledger.Register.GetPageAsync(alice.Actor, query with { Cursor = cursor });
            Assert.True(page.Succeeded, page.Message);
            Assert.True(page.Value!.Items.Count <= query.Limit);
            rows.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
            Assert.True(++pages < 1000);
        }
        while (cursor is not null);
        return rows;
    }

    [DbFact]
    public async Task Paging_through_more_rows_than_a_page_gives_every_posting_once_newest_first_with_correct_running_balances()
    {
        await SeedAsync(57);

        var rows = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 10));

        Assert.Equal(57, rows.Count);
        Assert.Equal(57, rows.Select(r => r.PostingId).Distinct().Count());
        // Newest first by (date, id).
        Assert.Equal(rows.OrderByDescending(r => r.Date).ThenByDescending(r => r.PostingId).Select(r => r.PostingId), rows.Select(r => r.PostingId));
        // The running balance after each posting equals the sum of everything up to and including it, in ledger order.
        var chronological = rows.AsEnumerable().Reverse().ToList();
        var running = 0L;
        foreach (var row in chronological)
        {
            running += row.Amount;
            Assert.Equal(running, row.RunningBalance);
        }
        Assert.Equal(await ledger.BalanceAsync(checking), rows[0].RunningBalance);
    }

    [DbFact]
    public async Task A_date_range_shows_only_its_postings_with_balances_that_count_everything_before()
    {
        await SeedAsync(40);
        var all = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 500));
        var (from, to) = (Start.AddDays(10), Start.AddDays(30));

        var ranged = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 7, From: from, To: to));

        var expected = all.Where(r => r.Date >= from && r.Date <= to).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ranged);
    }

    [DbFact]
    public async Task A_text_filter_matches_description_and_keeps_true_running_balances()
    {
        await SeedAsync(40);
        var all = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 500));

        var bakery = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 3, Text: "bakery"));

        var expected = all.Where(r => r.Description.Contains("Bakery")).ToList();
        Assert.True(expected.Count > 3);
        Assert.Equal(expected, bakery);
    }

    [DbFact]
    public async Task A_text_filter_within_a_date_range_keeps_true_running_balances_across_pages()
    {
        await SeedAsync(60);
        var all = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 500));
        var (from, to) = (Start.AddDays(5), Start.AddDays(45));

        var market = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Limit: 2, From: from, To: to, Text: "market"));

        var expected = all.Where(r => r.Description.Contains("Market") && r.Date >= from && r.Date <= to).ToList();
        Assert.True(expected.Count > 4);
        Assert.Equal(expected, market);
    }

    [DbFact]
    public async Task Like_wildcards_in_the_text_filter_are_taken_literally()
    {
        await ledger.TransferAsync(alice, salary, checking, 1_00, Start, "100% done");
        await ledger.TransferAsync(alice, salary, checking, 1_00, Start, "1000 done");

        var rows = await ReadAllAsync(new RegisterQuery(alice.BookId, checking, Text: "0%"));

        Assert.Equal("100% done", Assert.Single(rows).Description);
    }

    [DbFact]
    public async Task Voided_transactions_and_their_reversals_are_marked()
    {
        var tx = await ledger.TransferAsync(alice, salary, checking, 5_00, Start, "Oops");
        await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, tx.Id);

        var rows = await ReadAllAsync(new RegisterQuery(alice.BookId, checking));

        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.IsReversal);
        Assert.Single(rows, r => r.IsVoided && !r.IsReversal);
        Assert.Equal(0, rows[0].RunningBalance);
    }

    [DbTheory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-1)]
    public async Task A_page_size_out_of_range_is_refused(int limit)
    {
        var result = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking, Limit: limit));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Limit", result.Errors.Keys);
    }

    [DbTheory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("MTIzNA")]
    public async Task A_tampered_cursor_is_refused_with_a_clear_message(string cursor)
    {
        var result = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking, Cursor: cursor));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Cursor", result.Errors.Keys);
    }

    [DbFact]
    public async Task A_cursor_from_another_accounts_register_is_refused_with_a_clear_message()
    {
        await SeedAsync(10);
        var first = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking, Limit: 2));
        var cursor = first.Value!.NextCursor!;

        var elsewhere = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, groceries, Cursor: cursor));
        var here = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking, Limit: 2, Cursor: cursor));

        Assert.Equal(ResultStatus.Invalid, elsewhere.Status);
        Assert.Equal([RegisterService.CursorOfAnotherAccount], elsewhere.Errors["Cursor"]);
        Assert.True(here.Succeeded);
        Assert.Empty(here.Value!.Items.Intersect(first.Value.Items));
    }

    [DbFact]
    public async Task A_cursor_written_or_altered_by_the_client_is_refused_with_a_clear_message()
    {
        await SeedAsync(10);
        var issued = (await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking, Limit: 2))).Value!.NextCursor!;
        var middle = issued.Length / 2;
        var altered = issued[..middle] + (issued[middle] == 'A' ? 'B' : 'A') + issued[(middle + 1)..];
        // A position and a balance of the client's choosing, in the shape cursors once had.
        var forged = Paging.Encode($"{Start.AddDays(30).DayNumber}.{long.MaxValue}.123456789");

        foreach (var cursor in new[] { altered, forged })
        {
            var result = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking, Cursor: cursor));

            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.Equal([Paging.InvalidCursor], result.Errors["Cursor"]);
        }
    }

    [DbFact]
    public async Task Another_users_account_is_not_found()
    {
        var mallory = await ledger.CreateUserAsync("mallory");

        var viaOwnBook = await ledger.Register.GetPageAsync(mallory.Actor, new RegisterQuery(mallory.BookId, checking));
        var viaAlicesBook = await ledger.Register.GetPageAsync(mallory.Actor, new RegisterQuery(alice.BookId, checking));

        Assert.Equal(ResultStatus.NotFound, viaOwnBook.Status);
        Assert.Equal(ResultStatus.NotFound, viaAlicesBook.Status);
    }
}

public sealed class RegisterTestsOnSqlite : RegisterTests;

public sealed class RegisterTestsOnPostgres : RegisterTests, IOnPostgres;
