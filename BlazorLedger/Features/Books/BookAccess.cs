using BlazorLedger.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Books;

/// <summary>The single place that decides what a user may do in a book.</summary>
internal static class BookAccess
{
    public const string NotFoundMessage = "Book not found.";

    public static Task<BookRole?> RoleAsync(LedgerDbContext db, Actor actor, Guid bookId, CancellationToken ct) =>
        db.BookMembers
            .Where(m => m.BookId == bookId && m.UserId == actor.UserId)
            .Select(m => (BookRole?)m.Role)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Null when <paramref name="role"/> allows <paramref name="required"/>; otherwise the failure to return. Outsiders get
    /// "not found", so a book's existence does not leak; members without the role get "forbidden".
    /// </summary>
    public static Result<T>? Deny<T>(BookRole? role, BookRole required) =>
        role is null ? Result<T>.NotFound(NotFoundMessage)
        : role.Value < required ? Result<T>.Forbidden(required == BookRole.Owner
            ? "Only an owner of this book can do this."
            : "Viewers of this book cannot make changes.")
        : null;
}
