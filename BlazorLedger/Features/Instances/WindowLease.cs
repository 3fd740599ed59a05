using System.Threading.RateLimiting;

namespace BlazorLedger.Features.Instances;

/// <summary>The answer of a <see cref="SharedWindowLimiter"/>: granted, or refused with how long until the window ends.</summary>
internal sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly WindowLease Granted = new(true, null);

    /// <summary>A synchronous attempt: the count is in the database, so this attempt cannot tell and the caller must wait.</summary>
    public static readonly WindowLease Undecided = new(false, null);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }
        metadata = null;
        return false;
    }
}
