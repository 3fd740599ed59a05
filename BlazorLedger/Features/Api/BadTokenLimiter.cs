using System.Threading.RateLimiting;

namespace BlazorLedger.Features.Api;

/// <summary>
/// Limits how many unknown, expired or revoked tokens one client address may present a minute. Once over, its token
/// checks stop until the window ends, so guessing cannot go on at full speed behind the refusals.
/// </summary>
internal sealed class BadTokenLimiter(int perMinute)
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public int PerMinute => perMinute;

    /// <summary>Whether the address may still present a token; if not, how long until it may.</summary>
    public bool MayTry(string address, out TimeSpan retryAfter)
    {
        // Asking for no permits only looks: it succeeds while any are left.
        using var lease = limiter.AttemptAcquire(address, 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void CountFailure(string address)
    {
        using var _ = limiter.AttemptAcquire(address, 1);
    }
}
