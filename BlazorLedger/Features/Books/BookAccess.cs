using BlazorLedger.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Books;

/// <summary>The single place that decides what a user may do in a book.</summary>
internal static class BookAccess
{
    public const string NotFoundMessage = "Book not found.";

    public const string ArchivedMessage = "This book is archived, so nothing in it can be changed. An owner can unarchive it on the Book and members page.";

    /// <summary>The caller's role in the book and its state, or null for an outsider (or a caller limited to another book).</summary>
    public static Task<BookStanding?> StandingAsync(LedgerDbContext db, Actor actor, Guid bookId, CancellationToken ct) =>
        !actor.Reaches(bookId) ? Task.FromResult<BookStanding?>(null) : db.BookMembers
            .Where(m => m.BookId == bookId && m.UserId == actor.UserId)
            .Select(m => (BookStanding?)new BookStanding(m.Role, m.Book!.ArchivedAt != null, m.Book.LockDate))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Null when <paramref name="standing"/> allows <paramref name="required"/>; otherwise the failure to return. Outsiders get
    /// "not found", so a book's existence does not leak; members without the role get "forbidden". An archived book is
    /// read-only: a write to what it holds (accounts, transactions, imports, rules: the editor's writes) is a conflict with
    /// its state. What only owners do (name, archiving, members, settings) stays open, so that an owner can unarchive it,
    /// and so does leaving it.
    /// </summary>
    public static Result<T>? Deny<T>(BookStanding? standing, BookRole required, bool write) =>
        standing is not { } s ? Result<T>.NotFound(NotFoundMessage)
        : s.Role < required ? Result<T>.Forbidden(required == BookRole.Owner
            ? "Only an owner of this book can do this."
            : "Viewers of this book cannot make changes.")
        : write && s.Archived && required == BookRole.Editor ? Result<T>.Conflict(ArchivedMessage)
        : null;
}
