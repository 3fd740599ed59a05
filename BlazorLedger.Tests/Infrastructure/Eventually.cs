namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// Waits for something another instance, a background service or the database does on its own time: checks again every
/// few milliseconds until it holds or the time is up, then fails with what was last seen. Never a fixed sleep.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s: {what}");
            }
            await Task.Delay(20);
        }
    }
}
