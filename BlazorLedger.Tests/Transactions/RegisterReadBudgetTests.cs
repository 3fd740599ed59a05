using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Transactions;

/// <summary>
/// How many rows a register page reads, counted on the one connection an in-memory SQLite ledger shares between its contexts
/// (on a server, each context has its own connection).
/// </summary>
public sealed class RegisterReadBudgetTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public async Task A_text_filter_reads_a_page_of_rows_not_every_posting_of_the_account()
    {
        using var reads = new DatabaseTraffic();
        await using var big = TestLedger.InMemory();
        var bob = await big.CreateUserAsync("bob");
        var (cash, pay) = (await big.CreateAccountAsync(bob, "Cash"), await big.CreateAccountAsync(bob, "Pay", AccountType.Income));
        // Three matches among 300 postings, the oldest two at the very bottom, so that finding the page's third row (is
        // there a next page?) reaches the end of the account.
        await big.TransferAsync(bob, pay, cash, 1_00, Start, "Needle 1");
        await big.TransferAsync(bob, pay, cash, 2_00, Start, "Needle 2");
        for (var i = 0; i < 297; i++)
        {
            await big.TransferAsync(bob, pay, cash, 10_00 + i, Start.AddDays(1 + i % 50), $"Hay {i}");
        }
        await big.TransferAsync(bob, pay, cash, 4_00, Start.AddDays(60), "Needle 3");
        await using var db = await big.DbAsync();
        var connection = db.Database.GetDbConnection();
        reads.Reset(connection);

        var page = await big.Register.GetPageAsync(bob.Actor, new RegisterQuery(bob.BookId, cash, Limit: 2, Text: "needle"));

        var read = reads.RowsOn(connection);
        Assert.True(page.Succeeded, page.Message);
        Assert.Equal(["Needle 3", "Needle 2"], page.Value!.Items.Select(r => r.Description));
        Assert.NotNull(page.Value.NextCursor);
        // At least the rows shown (so the count works), and nowhere near the 300 postings of the account.
        Assert.InRange(read, 2, 20);
        var balance = await big.BalanceAsync(cash);
        Assert.Equal(balance, page.Value.Items[0].RunningBalance);
        Assert.Equal(1_00 + 2_00, page.Value.Items[1].RunningBalance);

        reads.Reset(connection);
        var last = await big.Register.GetPageAsync(bob.Actor, new RegisterQuery(bob.BookId, cash, Limit: 2, Text: "needle", Cursor: page.Value.NextCursor));

        Assert.InRange(reads.RowsOn(connection), 1, 20);
        var needle1 = Assert.Single(last.Value!.Items);
        Assert.Equal(("Needle 1", 1_00L), (needle1.Description, needle1.RunningBalance));
        Assert.Null(last.Value.NextCursor);
    }
}
