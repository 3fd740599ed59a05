namespace BlazorLedger.Data;

/// <summary>A personal access token for the HTTP API. Only a hash of the secret is stored; it is shown once, at creation.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>"read" or "write".</summary>
    public required string Scope { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token, so people can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    /// <summary>When set, the token reaches this book only.</summary>
    public Guid? BookId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
