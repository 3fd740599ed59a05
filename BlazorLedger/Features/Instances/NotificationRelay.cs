using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Npgsql;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// On PostgreSQL, carries live updates between instances. It sends what this instance queued (<c>pg_notify</c>, after the
/// write committed; repeats within a burst go once) and listens on a connection of its own (<c>LISTEN</c>), handing what
/// the other instances sent to this instance's circuits. Its own messages come back too and are skipped: they were
/// delivered here when published. A dropped connection is opened again with backoff; what was sent meanwhile is missed
/// (pages show it on their next load), except that the dashboard refreshes once reconnected.
/// </summary>
internal sealed class NotificationRelay(NpgsqlDataSource dataSource, ThisInstance instance, PostgresOtherInstances outgoing,
    BookChangeNotifier books, ActivityNotifier activity, InstanceHeartbeat heartbeat, ILogger<NotificationRelay> logger)
    : BackgroundService
{
    /// <summary>How long the connection may stay quiet before it is checked (a dead one is found then, not never).</summary>
    private static readonly TimeSpan QuietCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);
    private const int MostPerBatch = 100;

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance hears the others.</summary>
    public Task Listening => listening.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    /// <summary>Hands a message from another instance to this instance's subscribers.</summary>
    internal void Receive(string payload)
    {
        if (InstanceMessage.Parse(payload) is not { } message || message.Origin == instance.Id)
        {
            return;
        }
        switch (message.Kind)
        {
            case InstanceMessageKind.Book:
                books.Deliver(message.Book!);
                break;
            case InstanceMessageKind.Activity:
                activity.Deliver();
                break;
            case InstanceMessageKind.Circuits:
                heartbeat.RefreshOthers();
                break;
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var retry = FirstRetry;
        var heardBefore = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, notification) => Receive(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {InstanceMessage.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                listening.TrySetResult();
                retry = FirstRetry;
                if (heardBefore)
                {
                    logger.LogInformation("Listening to the other instances again");
                    // Whatever the dashboard missed while deaf, it reads again now.
                    activity.Deliver();
                    heartbeat.RefreshOthers();
                }
                heardBefore = true;
                while (true)
                {
                    if (!await connection.WaitAsync(QuietCheck, ct))
                    {
                        await using var check = new NpgsqlCommand("SELECT 1", connection);
                        await check.ExecuteScalarAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Not hearing the other instances' live updates; connecting again in {Retry}", retry);
                try
                {
                    await Task.Delay(retry, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var queue = outgoing.Outgoing;
        try
        {
            while (await queue.WaitToReadAsync(ct))
            {
                var payloads = new HashSet<string>(StringComparer.Ordinal);
                while (payloads.Count < MostPerBatch && queue.TryRead(out var payload))
                {
                    payloads.Add(payload);
                }
                try
                {
                    await using var batch = dataSource.CreateBatch();
                    foreach (var payload in payloads)
                    {
                        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
                        {
                            Parameters = { new NpgsqlParameter { Value = InstanceMessage.Channel }, new NpgsqlParameter { Value = payload } },
                        });
                    }
                    await batch.ExecuteNonQueryAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not send {Count} live updates to the other instances; they are dropped", payloads.Count);
                    await Task.Delay(FirstRetry, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
