using BlazorLedger.Data;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>
/// Marks one posting cleared (the bank has seen it) or uncleared again, by hand, outside a reconciliation. With
/// <paramref name="AccountId"/> the posting must be in that account (the API's address names it); without, anywhere in the book.
/// </summary>
public sealed record SetPostingState(Guid BookId, Guid? AccountId, long PostingId, PostingState State);
