using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>
/// A book as one member sees it; LastActivity is the date of its latest transaction, if any. An archived book is read-only.
/// LockDate is the last day of its closed period (see <see cref="ClosedPeriod"/>), if any.
/// </summary>
public sealed record BookSummary(Guid Id, string Name, string BaseCurrency, BookRole Role, DateOnly? LastActivity = null, bool Archived = false,
    DateOnly? LockDate = null);
