using BlazorLedger.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Books;

/// <summary>The one way into a book: the operation runs for those whose role allows it; everyone else gets the denial.</summary>
internal static class BookSessions
{
    /// <summary>
    /// Runs <paramref name="operation"/> on <paramref name="bookId"/> if <paramref name="actor"/>'s role allows
    /// <paramref name="required"/>; otherwise returns what <see cref="BookAccess"/> decides (not found for outsiders,
    /// forbidden for members). A write's transaction begins before the role is read, so the check and the write are one
    /// transaction (on SQLite, under the write lock from the start).
    /// </summary>
    public static Task<Result<T>> InBookAsync<T>(this IDbContextFactory<LedgerDbContext> dbFactory, Actor actor, Guid bookId,
        BookRole required, bool write, Func<BookSession, Task<Result<T>>> operation, CancellationToken ct) =>
        dbFactory.InBookAsync(required, write, (db, c) => BookAccess.RoleAsync(db, actor, bookId, c), role => role,
            (session, _) => operation(session), ct);

    /// <summary>
    /// As above, with the role read by <paramref name="read"/> together with whatever else the operation must know first,
    /// so that a hot path spends no round trip of its own on the check.
    /// </summary>
    public static async Task<Result<T>> InBookAsync<TFacts, T>(this IDbContextFactory<LedgerDbContext> dbFactory, BookRole required,
        bool write, Func<LedgerDbContext, CancellationToken, Task<TFacts>> read, Func<TFacts, BookRole?> roleOf,
        Func<BookSession, TFacts, Task<Result<T>>> operation, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = write ? await db.BeginWriteTransactionAsync(ct) : null;
        var facts = await read(db, ct);
        if (BookAccess.Deny<T>(roleOf(facts), required) is { } denied)
        {
            return denied;
        }
        return await operation(new BookSession(db, transaction), facts);
    }
}
