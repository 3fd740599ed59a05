namespace BlazorLedger.Features.Api;

/// <summary>A token as its owner sees it; <paramref name="BookId"/> (named <paramref name="BookName"/>) when it reaches one book only.</summary>
public sealed record ApiTokenDto(Guid Id, string Name, string Scope, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt,
    DateTime? RevokedAt, DateTime? LastUsedAt, Guid? BookId = null, string? BookName = null)
{
    public bool Active(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
