namespace BlazorLedger.Tests.Infrastructure;

/// <summary>Starts calls together, as a crowd of people or a burst of retries would, so that they overlap in the database.</summary>
internal static class AllAtOnce
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(calls);
    }
}
