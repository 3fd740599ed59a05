using System.Data;
using System.Data.Common;
using BlazorLedger.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Features.Export;

/// <summary>
/// A read-only transaction, so that every query of a long export sees the same committed state: on SQLite a deferred
/// transaction (a snapshot that takes no write lock, unlike EF's default BEGIN IMMEDIATE), on PostgreSQL repeatable read.
/// </summary>
internal sealed class ReadSnapshot(IDbContextTransaction efTransaction, DbTransaction? ownedTransaction) : IAsyncDisposable
{
    public static async Task<ReadSnapshot> BeginAsync(LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            await db.Database.OpenConnectionAsync(ct);
            var deferred = connection.BeginTransaction(deferred: true);
            var ef = await db.Database.UseTransactionAsync(deferred, ct) ?? throw new InvalidOperationException("No transaction.");
            return new ReadSnapshot(ef, deferred);
        }
        return new ReadSnapshot(await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct), null);
    }

    public async ValueTask DisposeAsync()
    {
        await efTransaction.DisposeAsync();
        if (ownedTransaction is not null)
        {
            // EF does not own a transaction handed to UseTransaction; disposing it ends it (nothing was written).
            await ownedTransaction.DisposeAsync();
        }
    }
}
