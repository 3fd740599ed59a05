using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;

namespace BlazorLedger.Tests.Data;

/// <summary>A real deadlock on PostgreSQL: the server rolls one transaction back, and its unit of work runs again.</summary>
public sealed class DbRetryOnPostgresTests : IAsyncLifetime, IOnPostgres
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.OnPostgresAsync();

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task Two_units_of_work_that_deadlock_both_complete_the_one_rolled_back_running_again()
    {
        var books = new[] { (await ledger.CreateUserAsync("alice")).BookId, (await ledger.CreateUserAsync("bob")).BookId };
        var holding = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var attempts = new int[2];

        // Each locks one book, waits until the other holds the other book, then asks for it: a deadlock, on the first attempt.
        Task<int> Run(int me) => DbRetry.RunAsync(async ct =>
        {
            var attempt = Interlocked.Increment(ref attempts[me]);
            await using var db = await ledger.DbAsync();
            await using var transaction = await db.BeginWriteTransactionAsync(ct);
            await db.LockBooksAsync([books[me]], ct);
            if (attempt == 1)
            {
                holding[me].SetResult();
                await holding[1 - me].Task;
            }
            await db.LockBooksAsync([books[1 - me]], ct);
            await transaction.CommitAsync(ct);
            return attempt;
        }, CancellationToken.None);

        var finalAttempts = await Task.WhenAll(Task.Run(() => Run(0)), Task.Run(() => Run(1)));

        Assert.Equal([1, 2], finalAttempts.Order());
    }
}
