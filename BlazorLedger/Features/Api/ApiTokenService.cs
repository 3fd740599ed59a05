using System.Security.Cryptography;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Api;

internal sealed class ApiTokenService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, ActiveTokenQuery activeTokens)
{
    private const string SecretPrefix = "bl_";

    /// <summary>Enough for every integration a person runs; a bound on what one stolen session can mint.</summary>
    public const int MaxActiveTokensPerUser = 50;

    /// <summary>
    /// Creates a token for <paramref name="actor"/>; with <paramref name="bookId"/> it reaches that book only, which must be one of
    /// theirs.
    /// </summary>
    public async Task<Result<CreatedApiToken>> CreateAsync(Actor actor, string name, string scope, int? expiresInDays, Guid? bookId = null,
        CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        var errors = new ValidationErrors();
        if (name.Length is 0 or > ApiTokenLimits.MaxName)
        {
            errors.Add("Name", $"Enter a name of 1 to {ApiTokenLimits.MaxName} characters, such as \"importer\".");
        }
        if (scope is not (ApiScopes.Read or ApiScopes.Write))
        {
            errors.Add("Scope", "Choose read or write.");
        }
        if (expiresInDays is < 1 or > 3650)
        {
            errors.Add("ExpiresInDays", "Choose an expiry from 1 to 3650 days, or none.");
        }
        if (errors.Any)
        {
            return errors.ToResult<CreatedApiToken>();
        }
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            UserId = actor.UserId, Name = name, Scope = scope, TokenHash = Hash(secret), Prefix = secret[..10], CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null, BookId = bookId,
        };
        return await DbRetry.RunAsync(async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            // Counted under the user's lock, so two creations at once cannot both take the last place.
            await using var tx = await db.BeginWriteTransactionAsync(c);
            await db.LockUserAsync(actor.UserId, c);
            var active = await db.ApiTokens.CountAsync(t => t.UserId == actor.UserId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), c);
            if (bookId is { } only && !await db.BookMembers.AnyAsync(m => m.BookId == only && m.UserId == actor.UserId, c))
            {
                return Result<CreatedApiToken>.Invalid("Book", "Choose one of your books, or all of them.");
            }
            if (active >= MaxActiveTokensPerUser)
            {
                return Result<CreatedApiToken>.Conflict(
                    $"You already have {active} active tokens, the most allowed. Revoke one you no longer use, then create this one.");
            }
            db.ApiTokens.Add(token);
            db.Audit(now, actor.UserId, bookId, "token.created", nameof(ApiToken), token.Id, new { token.Name, token.Scope, Book = bookId });
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return Result<CreatedApiToken>.Created(new CreatedApiToken(ToDto(token), secret));
        }, ct);
    }

    public async Task<IReadOnlyList<ApiTokenDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenDto(t.Id, t.Name, t.Scope, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.BookId,
                db.Books.Where(b => b.Id == t.BookId).Select(b => b.Name).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public async Task<Result<ApiTokenDto>> RevokeAsync(Actor actor, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == actor.UserId, ct);
        if (token is null)
        {
            return Result<ApiTokenDto>.NotFound("Token not found.");
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            db.Audit(token.RevokedAt.Value, actor.UserId, null, "token.revoked", nameof(ApiToken), token.Id, new { token.Name });
            await db.SaveChangesAsync(ct);
        }
        return Result<ApiTokenDto>.Ok(ToDto(token));
    }

    /// <summary>
    /// The caller for a bearer token, or null when it is unknown, revoked or expired, or an admin disabled or locked its user.
    /// The automatic lockout after wrong passwords does not stop tokens: anyone can trigger it by typing an address.
    /// Records when it was last used (at most once a minute, so reads stay reads).
    /// </summary>
    public async Task<ApiCaller?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await activeTokens.FindAsync(db, hash, now, ct);
        if (found is null || found.DisabledAt is not null || AdminLock.Applies(found.LockoutEnd))
        {
            return null;
        }
        if (found.LastUsedAt is null || found.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return new ApiCaller(found.UserId, found.Id, found.Scope, found.BookId);
    }

    private static ApiTokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Scope, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.BookId);

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
