using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

/// <summary>
/// The in-memory database behind the component tests behaves like the app's: each context has a connection of its own, so
/// a page loading while the test (or another component) reads is not work on a shared session. (Unlike the app's database
/// file, a write waits while another connection is in the middle of reading the same table: SQLite's shared cache locks tables.)
/// </summary>
public sealed class InMemoryLedgerTests
{
    [Fact]
    public async Task A_context_opens_and_reads_while_another_is_in_the_middle_of_a_read()
    {
        await using var ledger = TestLedger.InMemory();
        var alice = await ledger.CreateUserAsync("alice");
        for (var i = 0; i < 3; i++)
        {
            await ledger.CreateAccountAsync(alice, $"Account {i}");
        }

        await using var reading = await ledger.DbAsync();
        await using var rows = reading.Accounts.AsNoTracking().OrderBy(a => a.Name).AsAsyncEnumerable().GetAsyncEnumerator();
        Assert.True(await rows.MoveNextAsync());

        // With one connection shared by every context, this context's set-up fails: the first one's statement is active.
        await using var other = await ledger.DbAsync();
        Assert.Equal(3, await other.Accounts.CountAsync());

        var names = new List<string> { rows.Current.Name };
        while (await rows.MoveNextAsync())
        {
            names.Add(rows.Current.Name);
        }
        Assert.Equal(["Account 0", "Account 1", "Account 2"], names);
    }
}
