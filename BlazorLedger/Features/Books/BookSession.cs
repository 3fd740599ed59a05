using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>
/// One operation on a book by someone whose role allows it: its context and, for a write, the write transaction, which is
/// rolled back unless the operation commits it.
/// </summary>
internal sealed class BookSession(LedgerDbContext db, WriteTransaction? transaction, BookStanding standing)
{
    public LedgerDbContext Db { get; } = db;

    /// <summary>The actor's role and the book's state, read after the book's lock for a write: they hold until it commits.</summary>
    public BookStanding Standing { get; } = standing;

    public Task CommitAsync(CancellationToken ct) =>
        (transaction ?? throw new InvalidOperationException("This operation was opened to read; open it with write: true to commit."))
            .CommitAsync(ct);

    /// <summary>Ends the write transaction now, without committing, so that the book can be read afresh elsewhere.</summary>
    public ValueTask RollbackAsync() => transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
}
