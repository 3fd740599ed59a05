using BlazorLedger.Data;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// What posting needs to know before it writes, read in one round trip. NextNumber is stable because the write lock is held.
/// </summary>
internal sealed record PostingContext(
    BookRole? Role, (Guid Id, string? RequestHash)? Existing, IReadOnlyDictionary<Guid, AccountForPosting> Accounts, long NextNumber, string ActorName);
