using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// What posting needs to know before it writes, read in one round trip. <see cref="Number"/> is the number the new
/// transaction takes: already counted on the book row inside the write transaction, so it is given back by the rollback
/// if the post is refused; null when the actor is not a member of the book.
/// </summary>
internal sealed record PostingContext(
    BookStanding? Standing, string ActorName, long? Number, (Guid Id, string? RequestHash)? Existing, IReadOnlyDictionary<Guid, AccountForPosting> Accounts);
