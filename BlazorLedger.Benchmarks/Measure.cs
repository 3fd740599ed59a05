using System.Diagnostics;

namespace BlazorLedger.Benchmarks;

internal static class Measure
{
    /// <summary>Median time of <paramref name="runs"/> calls after <paramref name="warmup"/> unmeasured ones.</summary>
    public static async Task<TimeSpan> MedianAsync(Func<Task> action, int runs = 30, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action();
        }
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed);
        }
        times.Sort();
        return times[runs / 2];
    }

    /// <summary>Median of <paramref name="runs"/> durations that <paramref name="sample"/> reports itself (e.g. the server's own).</summary>
    public static async Task<TimeSpan> MedianOfAsync(Func<Task<TimeSpan>> sample, int runs = 30, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            await sample();
        }
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            times.Add(await sample());
        }
        times.Sort();
        return times[runs / 2];
    }

    public static string Ms(TimeSpan time) => $"{time.TotalMilliseconds,9:N3} ms";
}
