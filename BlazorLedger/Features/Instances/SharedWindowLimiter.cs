using System.Diagnostics;
using System.Threading.RateLimiting;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// A fixed-window rate limiter whose count lives in the database (<see cref="SharedRateWindows"/>), so every instance
/// draws on one budget. Counting takes a round trip: a synchronous attempt never decides (it refuses, undecided), and
/// callers that can wait, as ASP.NET Core's rate-limiting middleware does after a refused attempt, ask with
/// <see cref="RateLimiter.AcquireAsync"/>. Requests that are refused count too, as an attempt does in memory.
/// </summary>
internal sealed class SharedWindowLimiter(SharedRateWindows windows, string partition, int permitLimit, TimeSpan window) : RateLimiter
{
    private long lastUsed = Stopwatch.GetTimestamp();

    /// <summary>The limiter holds nothing in memory: an idle one may be dropped and made again at any time.</summary>
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Volatile.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        Volatile.Write(ref lastUsed, Stopwatch.GetTimestamp());
        var (count, left) = await windows.AddAsync(partition, permitCount, window, cancellationToken);
        // Asking for no permits only looks: granted while any are left.
        var granted = permitCount == 0 ? count < permitLimit : count <= permitLimit;
        return granted ? WindowLease.Granted : new WindowLease(false, TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(left.TotalSeconds))));
    }
}
