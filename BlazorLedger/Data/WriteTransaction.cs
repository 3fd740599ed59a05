using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Data;

/// <summary>A database transaction that intends to write; rolled back on dispose unless committed.</summary>
public sealed class WriteTransaction(IDbContextTransaction efTransaction, DbTransaction? ownedTransaction) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => efTransaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await efTransaction.DisposeAsync();
        if (ownedTransaction is not null)
        {
            // EF does not own a transaction handed to UseTransaction; disposing it rolls back if it was not committed.
            await ownedTransaction.DisposeAsync();
        }
    }
}
