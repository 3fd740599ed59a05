using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

/// <summary>On SQLite, writers queue at the start of their transaction (PostgreSQL locks rows instead).</summary>
public sealed class SqliteWriteLockTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.OnFileAsync();

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task A_write_transaction_holds_the_write_lock_from_its_start()
    {
        await using var db = await ledger.DbAsync();
        await using var tx = await db.BeginWriteTransactionAsync(CancellationToken.None);

        // Another connection that will not wait must find the database locked, although the first has not written yet.
        await using var other = new SqliteConnection(db.Database.GetConnectionString() + ";Pooling=False");
        await other.OpenAsync();
        await using var command = other.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0;";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "BEGIN IMMEDIATE;";
        command.CommandTimeout = 1;
        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
    }
}
