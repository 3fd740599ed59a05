using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>A book as one member sees it; LastActivity is the date of its latest transaction, if any. An archived book is read-only.</summary>
public sealed record BookSummary(Guid Id, string Name, string BaseCurrency, BookRole Role, DateOnly? LastActivity = null, bool Archived = false);
