namespace BlazorLedger.Features.Api;

public sealed record ApiTokenDto(Guid Id, string Name, string Scope, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt,
    DateTime? RevokedAt, DateTime? LastUsedAt)
{
    public bool Active(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
