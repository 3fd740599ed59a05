namespace BlazorLedger.Data;

/// <summary>
/// The current window of a rate limit that every instance shares (on PostgreSQL): how many requests the partition (a
/// token, a user, an address) has made since the window began, and when the window ends (the database's clock).
/// </summary>
public sealed class RateLimitWindow
{
    public required string Partition { get; set; }
    public long Count { get; set; }
    public DateTime WindowEnd { get; set; }
}
