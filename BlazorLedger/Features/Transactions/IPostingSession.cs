using BlazorLedger.Data;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Where single posts read what they are checked against and write themselves, inside one write transaction: EF's
/// connection with portable SQL (<see cref="EfPostingSession"/>), or on SQLite the one connection whose statements stay
/// prepared (<see cref="SqlitePostingWriter"/>).
/// </summary>
internal interface IPostingSession
{
    /// <summary>Takes the book's next number and reads what a post is checked against (see <see cref="PostingStore.ReadAsync"/>).</summary>
    Task<PostingContext> ReadAsync(string userId, Guid bookId, string? idempotencyKey, IEnumerable<Guid> accountIds, CancellationToken ct);

    /// <summary>Writes a checked transaction (see <see cref="PostingStore.WriteAsync"/>); false when a balance would overflow, and then nothing may be committed.</summary>
    Task<bool> WriteAsync(Transaction transaction, AuditEvent audit, Func<Guid, string> currencyOf, CancellationToken ct);

    /// <summary>
    /// Writes what the posts written so far add to balances, account days and the day's activity, where the session sums
    /// them for a group (see <see cref="SqlitePostingWriter.RunGroupAsync{T}"/>); false when a balance would overflow, and
    /// then nothing may be committed.
    /// </summary>
    Task<bool> WriteTotalsAsync(CancellationToken ct);

    /// <summary>Gives back the number <see cref="ReadAsync"/> took for a post that wrote nothing, when others of its group commit.</summary>
    Task GiveBackNumberAsync(Guid bookId, CancellationToken ct);

    /// <summary>A transaction already posted, as its caller is answered.</summary>
    Task<TransactionDto?> LoadAsync(Guid bookId, Guid transactionId, CancellationToken ct);

    Task CommitAsync(CancellationToken ct);
}

/// <summary>Posting through a context from the factory, in the transaction it began: any provider.</summary>
internal sealed class EfPostingSession(LedgerDbContext db, Func<CancellationToken, Task> commit) : IPostingSession
{
    public Task<PostingContext> ReadAsync(string userId, Guid bookId, string? idempotencyKey, IEnumerable<Guid> accountIds, CancellationToken ct) =>
        PostingStore.ReadAsync(db, userId, bookId, idempotencyKey, accountIds, ct);

    public Task<bool> WriteAsync(Transaction transaction, AuditEvent audit, Func<Guid, string> currencyOf, CancellationToken ct) =>
        PostingStore.WriteAsync(db, transaction, audit, currencyOf, ct);

    /// <summary>Nothing to write: <see cref="WriteAsync"/> wrote each post's totals with it.</summary>
    public Task<bool> WriteTotalsAsync(CancellationToken ct) => Task.FromResult(true);

    public Task GiveBackNumberAsync(Guid bookId, CancellationToken ct) => PostingStore.GiveBackNumberAsync(db, bookId, ct);

    public Task<TransactionDto?> LoadAsync(Guid bookId, Guid transactionId, CancellationToken ct) =>
        PostingService.LoadDtoAsync(db, bookId, transactionId, ct);

    public Task CommitAsync(CancellationToken ct) => commit(ct);
}
