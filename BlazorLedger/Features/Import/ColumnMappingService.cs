using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Import;

/// <summary>Remembers how an account's CSV statements are read, so the next import of that account starts from it.</summary>
internal sealed class ColumnMappingService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The account's remembered mapping; null when none was saved (or a saved one can no longer be read).</summary>
    public Task<Result<CsvMapping?>> GetAsync(Actor actor, Guid bookId, Guid accountId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: false, async session =>
        {
            var json = await session.Db.ImportColumnMappings.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.BookId == bookId).Select(m => m.Mapping).FirstOrDefaultAsync(ct);
            return Result<CsvMapping?>.Ok(json is null ? null : Deserialize(json));
        }, ct);

    public async Task<Result<CsvMapping>> SaveAsync(Actor actor, Guid bookId, Guid accountId, CsvMapping mapping, CancellationToken ct = default)
    {
        if (mapping.Problems() is { Count: > 0 } problems)
        {
            return Result<CsvMapping>.Invalid(new Dictionary<string, string[]> { ["Mapping"] = [.. problems] });
        }
        var json = JsonSerializer.Serialize(mapping, Json);
        // Two first saves for one account at once (PostgreSQL lets both read "none yet"): the loser saves again, as an update.
        var result = await SaveOnceAsync(actor, bookId, accountId, mapping, json, ct);
        return result.Status == ResultStatus.Conflict ? await SaveOnceAsync(actor, bookId, accountId, mapping, json, ct) : result;
    }

    private Task<Result<CsvMapping>> SaveOnceAsync(Actor actor, Guid bookId, Guid accountId, CsvMapping mapping, string json, CancellationToken ct) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            if (!await session.Db.Accounts.AnyAsync(a => a.Id == accountId && a.BookId == bookId, ct))
            {
                return Result<CsvMapping>.NotFound("Account not found.");
            }
            var stored = await session.Db.ImportColumnMappings.FirstOrDefaultAsync(m => m.AccountId == accountId, ct);
            if (stored is null)
            {
                stored = new ImportColumnMapping { AccountId = accountId, BookId = bookId, Mapping = json, UpdatedById = actor.UserId };
                session.Db.ImportColumnMappings.Add(stored);
            }
            // The last one used wins: a mapping is a convenience, not a record worth a conflict.
            stored.Mapping = json;
            stored.UpdatedById = actor.UserId;
            stored.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await session.Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return Result<CsvMapping>.Conflict("Another mapping for this account was saved at the same moment.");
            }
            await session.CommitAsync(ct);
            return Result<CsvMapping>.Ok(mapping);
        }, ct);

    internal static CsvMapping? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CsvMapping>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
