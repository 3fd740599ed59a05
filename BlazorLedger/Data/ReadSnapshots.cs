using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Data;

public static class ReadSnapshots
{
    /// <summary>
    /// Starts a read-only transaction in which every query sees the database as of its first read, for a report made of
    /// several queries. SQLite: a deferred transaction (a read snapshot in WAL mode, taking no write lock); PostgreSQL:
    /// REPEATABLE READ.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginReadSnapshotAsync(this LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            await db.Database.OpenConnectionAsync(ct);
            var deferred = connection.BeginTransaction(deferred: true);
            return await db.Database.UseTransactionAsync(deferred, ct) ?? throw new InvalidOperationException("No transaction.");
        }
        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
    }
}
