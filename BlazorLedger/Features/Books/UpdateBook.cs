namespace BlazorLedger.Features.Books;

/// <summary>What to change in a book; null leaves it as it is.</summary>
public sealed record UpdateBook(string? Name = null, bool? Archived = null);
