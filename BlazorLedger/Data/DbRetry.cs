namespace BlazorLedger.Data;

/// <summary>
/// Runs a unit of work again when the database rolled it back to settle a conflict with another transaction
/// (<see cref="DbErrors.IsTransientConflict"/>): a few quick attempts, so that the person waiting sees at most a short
/// delay, never the conflict. Wrap the whole unit: the context, its transaction, the reads the decision rests on, the
/// writes and the commit. Never wrap a single statement inside a transaction: after an error PostgreSQL refuses every
/// further statement of that transaction, and what was read before would be stale.
/// </summary>
public static class DbRetry
{
    public const int MaxAttempts = 3;

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> unitOfWork, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork(ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex.IsTransientConflict())
            {
                // Jittered, so that the transactions that collided do not meet again in step.
#pragma warning disable CA5394 // Spacing out retries needs no unpredictability.
                await Task.Delay(TimeSpan.FromMilliseconds(attempt * Random.Shared.Next(5, 50)), ct);
#pragma warning restore CA5394
            }
        }
    }
}
