using Microsoft.Data.Sqlite;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// A private in-memory SQLite database that several connections share: it lives while this connection is open. Disposing
/// it also empties the connection pool for it, or pooled connections would keep every test's database in memory.
/// </summary>
public sealed class InMemoryDatabase(SqliteConnection keeper) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(keeper);
        return keeper.DisposeAsync();
    }
}
