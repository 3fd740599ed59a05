using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>Waits until a call queues behind a lock the test holds: PostgreSQL reports the waiting session.</summary>
internal static class LockWaits
{
    public static async Task UntilSomeoneWaitsAsync(TestLedger ledger)
    {
        // A context of its own, outside the test's transaction: within a transaction PostgreSQL keeps showing the activity
        // it saw first.
        await using var watcher = await ledger.DbAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await watcher.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
            """).SingleAsync() == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The call never waited for the lock the test holds: it went ahead without it.");
            }
            await Task.Delay(20);
        }
    }
}
