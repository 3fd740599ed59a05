using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>A member's role in a book, and whether the book is archived (read-only): what every access check decides on.</summary>
internal readonly record struct BookStanding(BookRole Role, bool Archived);
