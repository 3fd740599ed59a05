namespace BlazorLedger.Data;

/// <summary>A message the app sent (or would have sent): kept so that links can be followed without a mail server.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public DateTime? SentAt { get; set; }
    public string? Error { get; set; }
}
