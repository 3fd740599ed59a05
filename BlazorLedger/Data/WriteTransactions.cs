using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Data;

public static class WriteTransactions
{
    /// <summary>
    /// Starts a transaction that will write. On SQLite it takes the write lock up front (BEGIN IMMEDIATE): a deferred
    /// transaction that reads first and writes later cannot wait for the lock and fails with SQLITE_BUSY instead, so
    /// concurrent writers must queue at BEGIN, where the busy timeout lets them wait their turn.
    /// </summary>
    public static async Task<WriteTransaction> BeginWriteTransactionAsync(this LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            await db.Database.OpenConnectionAsync(ct);
            var immediate = connection.BeginTransaction(deferred: false);
            var ef = await db.Database.UseTransactionAsync(immediate, ct) ?? throw new InvalidOperationException("No transaction.");
            return new WriteTransaction(ef, immediate);
        }
        return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), null);
    }
}
