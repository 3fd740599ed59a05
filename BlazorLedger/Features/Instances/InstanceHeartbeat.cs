using System.Diagnostics;
using BlazorLedger.Features.Admin;
using Npgsql;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// On PostgreSQL, makes the dashboard's live-circuit count the sum over instances. This instance writes its own count to
/// its row in "Instances" whenever the count changes and every <see cref="Interval"/> (the database's clock stamps it),
/// reads the sum of the rows of the others seen within <see cref="Expiry"/> (so a dead instance's circuits stop counting),
/// and tells the others when its count changed so they read again. Each beat also deletes expired rows and rate-limit
/// windows that have ended. On a clean stop the row is deleted at once.
/// </summary>
internal sealed class InstanceHeartbeat(NpgsqlDataSource dataSource, ThisInstance instance, CircuitCounter circuits,
    SharedRateWindows rateWindows, ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(45);

    private readonly SemaphoreSlim wake = new(0, 1);
    private int refreshRequested;
    private int? written;

    /// <summary>Another instance's count changed: read the sum again now rather than at the next beat.</summary>
    public void RefreshOthers()
    {
        Volatile.Write(ref refreshRequested, 1);
        Wake();
    }

    private void Wake()
    {
        lock (wake)
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        circuits.Changed += Wake;
        try
        {
            var sinceBeat = Stopwatch.StartNew();
            var beat = true;
            while (!stoppingToken.IsCancellationRequested)
            {
                var refresh = Interlocked.Exchange(ref refreshRequested, 0) == 1;
                var count = circuits.Local;
                if (beat || refresh || count != written)
                {
                    try
                    {
                        await ReportAsync(count, beat, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Could not report this instance's live circuits; trying again at the next change or beat");
                    }
                }
                if (beat)
                {
                    sinceBeat.Restart();
                }
                var left = Interval - sinceBeat.Elapsed;
                beat = left <= TimeSpan.Zero || !await wake.WaitAsync(left, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            circuits.Changed -= Wake;
        }
    }

    private async Task ReportAsync(int count, bool beat, CancellationToken ct)
    {
        var changed = count != written;
        await using var batch = dataSource.CreateBatch();
        // First (so the reader starts on it): the others' circuits, counting only rows seen recently.
        Add(batch, """SELECT COALESCE(SUM("Circuits"), 0) FROM "Instances" WHERE "Id" <> $1 AND "SeenAt" > now() - $2""",
            instance.Id, Expiry);
        if (beat || changed)
        {
            Add(batch, """
                INSERT INTO "Instances" ("Id", "Circuits", "SeenAt") VALUES ($1, $2, now())
                ON CONFLICT ("Id") DO UPDATE SET "Circuits" = EXCLUDED."Circuits", "SeenAt" = EXCLUDED."SeenAt"
                """, instance.Id, count);
        }
        if (changed)
        {
            // Sent with the write, so delivered once it committed.
            AddNotify(batch);
        }
        if (beat)
        {
            Add(batch, """DELETE FROM "Instances" WHERE "SeenAt" < now() - $1""", Expiry);
        }
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            circuits.SetOthers((int)reader.GetInt64(0));
        }
        written = count;
        if (beat)
        {
            await rateWindows.RemoveEndedAsync(ct);
        }
    }

    /// <summary>Leaving cleanly: this instance's circuits leave the sum now, not when its row expires.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var batch = dataSource.CreateBatch();
            Add(batch, """DELETE FROM "Instances" WHERE "Id" = $1""", instance.Id);
            AddNotify(batch);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // Stopping goes on regardless (the database may be gone, or the host out of time): the row expires.
            logger.LogWarning("Could not remove this instance's row ({Reason}); its circuits stop counting within {Expiry}", ex.Message, Expiry);
        }
    }

    private void AddNotify(NpgsqlBatch batch) => Add(batch, "SELECT pg_notify($1, $2)", InstanceMessage.Channel,
        new InstanceMessage(instance.Id, InstanceMessageKind.Circuits).ToPayload());

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        batch.BatchCommands.Add(command);
    }
}
