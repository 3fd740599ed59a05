namespace BlazorLedger.Features.Books;

public sealed record CreateBook(string Name, string Currency, BookTemplate Template = BookTemplate.Empty);
