using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Data;

public static class ReadSnapshots
{
    /// <summary>
    /// Starts a read-only transaction in which every query sees the database as of its first read, for a report made of
    /// several queries; disposing it ends the transaction. SQLite: a deferred transaction (a read snapshot in WAL mode,
    /// taking no write lock); PostgreSQL: REPEATABLE READ.
    /// </summary>
    public static async Task<IAsyncDisposable> BeginReadSnapshotAsync(this LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            await db.Database.OpenConnectionAsync(ct);
            var deferred = connection.BeginTransaction(deferred: true);
            return new HandedSnapshot(await db.Database.UseTransactionAsync(deferred, ct) ?? throw new InvalidOperationException("No transaction."), deferred);
        }
        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
    }

    /// <summary>
    /// EF does not end a transaction it was handed: this ends it too. Otherwise it stays open for as long as the connection
    /// does, which for a connection opened outside the context (one in-memory database shared by a test) is until the end,
    /// and the next snapshot on it fails as nested.
    /// </summary>
    private sealed class HandedSnapshot(IDbContextTransaction used, SqliteTransaction deferred) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await used.DisposeAsync();
            await deferred.DisposeAsync();
        }
    }
}
