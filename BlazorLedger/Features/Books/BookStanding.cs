using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>
/// A member's role in a book, whether the book is archived (read-only) and its lock date (the last day of its closed
/// period, if any): what every access check decides on, read inside the write transaction that relies on it.
/// </summary>
internal readonly record struct BookStanding(BookRole Role, bool Archived, DateOnly? LockDate = null);
