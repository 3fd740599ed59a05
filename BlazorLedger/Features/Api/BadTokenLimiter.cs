using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using BlazorLedger.Features.Instances;

namespace BlazorLedger.Features.Api;

/// <summary>
/// Limits how many unknown, expired or revoked tokens one client address may present a minute. Once over, its token
/// checks stop until the window ends, so guessing cannot go on at full speed behind the refusals. On PostgreSQL the
/// failures are counted in <paramref name="shared"/> windows, so the limit holds across instances; each instance stops an
/// address once it has seen the shared count reach the limit (checking costs no round trip, so each other instance lets
/// through at most one more failure before it stops the address too).
/// </summary>
internal sealed class BadTokenLimiter(int perMinute, SharedRateWindows? shared = null)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = Window, QueueLimit = 0,
        }));

    /// <summary>With shared counting: the addresses this instance has stopped, until when (<see cref="Environment.TickCount64"/>).</summary>
    private readonly ConcurrentDictionary<string, long> stoppedUntil = new(StringComparer.Ordinal);

    public int PerMinute => perMinute;

    /// <summary>Whether the address may still present a token; if not, how long until it may.</summary>
    public bool MayTry(string address, out TimeSpan retryAfter)
    {
        if (shared is not null)
        {
            var left = stoppedUntil.TryGetValue(address, out var until) ? until - Environment.TickCount64 : 0;
            retryAfter = TimeSpan.FromMilliseconds(Math.Max(left, 0));
            return left <= 0;
        }
        // Asking for no permits only looks: it succeeds while any are left.
        using var lease = limiter.AttemptAcquire(address, 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return lease.IsAcquired;
    }

    public async Task CountFailureAsync(string address, CancellationToken ct)
    {
        if (shared is null)
        {
            using var _ = limiter.AttemptAcquire(address, 1);
            return;
        }
        var (count, left) = await shared.AddAsync("bad-tokens:" + address, 1, Window, ct);
        if (count >= perMinute)
        {
            var now = Environment.TickCount64;
            foreach (var (stopped, until) in stoppedUntil)
            {
                if (until <= now)
                {
                    stoppedUntil.TryRemove(stopped, out _);
                }
            }
            stoppedUntil[address] = now + (long)Math.Ceiling(left.TotalMilliseconds);
        }
    }
}
