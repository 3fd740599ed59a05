using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Transactions;

/// <summary>Posting as one step of another write, such as a reconciliation's adjustment.</summary>
internal sealed partial class PostingService
{
    /// <summary>
    /// Posts <paramref name="command"/> inside <paramref name="session"/>'s write transaction (which holds the book's lock),
    /// checked exactly as <see cref="PostAsync"/> checks a post. Nothing is committed and nobody is notified: the caller
    /// commits with its own changes, or on failure leaves the transaction to roll back. Written is the new transaction, null
    /// when nothing was written (a refusal, or a retry of an idempotency key, answered with the transaction it posted).
    /// </summary>
    public async Task<(Result<TransactionDto> Result, Transaction? Written)> PostInSessionAsync(BookSession session, Actor actor,
        PostTransaction command, CancellationToken ct)
    {
        var normalized = Normalize(command);
        var errors = ValidateShape(normalized, Today());
        if (errors.Any)
        {
            return (errors.ToResult<TransactionDto>(), null);
        }
        var requestHash = normalized.IdempotencyKey is null ? null : HashOf(normalized);
        var context = await PostingStore.ReadAsync(session.Db, actor.UserId, normalized.BookId, normalized.IdempotencyKey,
            normalized.Postings.Select(p => p.AccountId), ct);
        var (result, written, _) = await DecideAndWriteAsync(new EfPostingSession(session.Db, session.CommitAsync), actor, normalized, requestHash,
            context, ct);
        return (result, written);
    }

    /// <summary>Tells the book's pages and the activity figures about transactions a caller posted in its own session.</summary>
    public void Published(Guid bookId)
    {
        notifier.Publish(new BookChange(bookId, BookChangeKind.Transactions));
        activity.Publish();
    }
}
