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
    /// forbidden for members). A write's transaction begins, and takes the book's lock (<see cref="WriteLocks.LockBooksAsync"/>),
    /// before the role is read, so the check, whatever the operation reads to decide, and the write are one step that no
    /// other write to the book interleaves with.
    /// </summary>
    public static Task<Result<T>> InBookAsync<T>(this IDbContextFactory<LedgerDbContext> dbFactory, Actor actor, Guid bookId,
        BookRole required, bool write, Func<BookSession, Task<Result<T>>> operation, CancellationToken ct) =>
        dbFactory.InBookAsync(required, write, async (db, c) =>
        {
            if (write)
            {
                await db.LockBooksAsync([bookId], c);
            }
            return await BookAccess.StandingAsync(db, actor, bookId, c);
        }, standing => standing, (session, _) => operation(session), ct);

    /// <summary>
    /// As above, with the role (and whether the book is archived) read by <paramref name="read"/> together with whatever else the operation must know first,
    /// so that a hot path spends no round trip of its own on the check. For a write, <paramref name="read"/> takes the
    /// book's lock itself. The whole session runs again if the database rolled it back to settle a conflict (<see cref="DbRetry"/>).
    /// </summary>
    public static Task<Result<T>> InBookAsync<TFacts, T>(this IDbContextFactory<LedgerDbContext> dbFactory, BookRole required,
        bool write, Func<LedgerDbContext, CancellationToken, Task<TFacts>> read, Func<TFacts, BookStanding?> standingOf,
        Func<BookSession, TFacts, Task<Result<T>>> operation, CancellationToken ct) =>
        DbRetry.RunAsync(async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            await using var transaction = write ? await db.BeginWriteTransactionAsync(c) : null;
            var facts = await read(db, c);
            var standing = standingOf(facts);
            if (BookAccess.Deny<T>(standing, required, write) is { } denied)
            {
                return denied;
            }
            return await operation(new BookSession(db, transaction, standing!.Value), facts);
        }, ct);
}
