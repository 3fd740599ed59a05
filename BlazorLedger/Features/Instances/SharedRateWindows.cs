using Npgsql;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// Fixed-window request counters in the database, so that a limit holds across every instance (PostgreSQL only; on
/// SQLite the app runs as one instance and counts in memory). One row per partition (a token, a user, an address): a
/// window starts with the first request after the last one ended, as in memory. The database's clock decides, so
/// instances whose clocks differ still agree.
/// </summary>
internal sealed class SharedRateWindows(NpgsqlDataSource dataSource)
{
    // One statement, one round trip: a new window if the old one has ended, else the count goes up; the row lock makes
    // concurrent requests of one partition count one after the other.
    private const string AddSql = """
        INSERT INTO "RateLimitWindows" AS w ("Partition", "Count", "WindowEnd") VALUES ($1, $2, now() + $3)
        ON CONFLICT ("Partition") DO UPDATE SET
            "Count" = CASE WHEN w."WindowEnd" <= now() THEN EXCLUDED."Count" ELSE w."Count" + EXCLUDED."Count" END,
            "WindowEnd" = CASE WHEN w."WindowEnd" <= now() THEN EXCLUDED."WindowEnd" ELSE w."WindowEnd" END
        RETURNING "Count", EXTRACT(EPOCH FROM "WindowEnd" - now())::float8
        """;

    /// <summary>
    /// Counts <paramref name="permits"/> more in the partition's current window; returns the window's count so far and
    /// the time until it ends.
    /// </summary>
    public async Task<(long Count, TimeSpan Left)> AddAsync(string partition, int permits, TimeSpan window, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(AddSql);
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)permits });
        command.Parameters.Add(new NpgsqlParameter { Value = window });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1))));
    }

    /// <summary>Deletes the windows that have ended: a partition's next request starts a new one anyway.</summary>
    public async Task RemoveEndedAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""DELETE FROM "RateLimitWindows" WHERE "WindowEnd" < now()""");
        await command.ExecuteNonQueryAsync(ct);
    }
}
