using System.Globalization;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// One page of a book's transactions. Text matches description, payee or a memo; Payee matches the payee only;
/// Amount ("12.34", written the way <paramref name="Culture"/> writes numbers; invariant when null) matches a posting of
/// that size, either sign, in its account's currency; MinAmount and MaxAmount (written the same way) bound the size of such a
/// posting instead. Tag matches transactions with that tag (normalised as tags are stored); Account those with a posting to
/// that account of the book.
/// </summary>
public sealed record TransactionQuery(Guid BookId, int Limit = 25, string? Cursor = null, string? Text = null, string? Payee = null,
    string? Amount = null, DateOnly? From = null, DateOnly? To = null, TransactionSort Sort = TransactionSort.NewestFirst,
    CultureInfo? Culture = null, string? Tag = null, Guid? Account = null, string? MinAmount = null, string? MaxAmount = null);
