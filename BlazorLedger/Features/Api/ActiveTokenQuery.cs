using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Api;

/// <summary>
/// The query behind every API request's token check: the active token with a hash and its user's state. Compiled once per
/// app rather than translated from its expression tree on each call; one per app, not static, because a compiled query
/// keeps what it compiled for the first database provider it ran on, and a process may host apps on different ones.
/// </summary>
internal sealed class ActiveTokenQuery
{
    public Func<LedgerDbContext, string, DateTime, CancellationToken, Task<ActiveToken?>> FindAsync { get; } =
        EF.CompileAsyncQuery((LedgerDbContext db, string hash, DateTime now, CancellationToken ct) => db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new ActiveToken(t.Id, t.UserId, t.Scope, t.LastUsedAt, t.BookId, u.DisabledAt, u.LockoutEnd))
            .FirstOrDefault());
}

/// <summary>An active token and the state of its user, who may since have been disabled or locked.</summary>
internal sealed record ActiveToken(Guid Id, string UserId, string Scope, DateTime? LastUsedAt, Guid? BookId, DateTime? DisabledAt,
    DateTimeOffset? LockoutEnd);
