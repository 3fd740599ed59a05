using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorLedger.Common;

/// <summary>Lets several features each add a limit to the one global rate limiter without undoing each other's.</summary>
public static class RateLimiterOptionsExtensions
{
    /// <summary>
    /// Chains <paramref name="limiter"/> after any global limiter already set, and answers the refusals of requests that
    /// <paramref name="appliesTo"/> picks with <paramref name="onRejected"/>; other refusals keep the answer set before.
    /// </summary>
    public static void AddGlobalLimiter(this RateLimiterOptions options, PartitionedRateLimiter<HttpContext> limiter,
        Func<HttpContext, bool> appliesTo, Func<OnRejectedContext, CancellationToken, ValueTask> onRejected)
    {
        options.GlobalLimiter = options.GlobalLimiter is { } other ? PartitionedRateLimiter.CreateChained(other, limiter) : limiter;

        var otherRejected = options.OnRejected;
        options.OnRejected = async (context, ct) =>
        {
            if (appliesTo(context.HttpContext))
            {
                await onRejected(context, ct);
            }
            else if (otherRejected is not null)
            {
                await otherRejected(context, ct);
            }
        };
    }
}
