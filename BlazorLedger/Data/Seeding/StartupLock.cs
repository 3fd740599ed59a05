using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BlazorLedger.Data.Seeding;

/// <summary>
/// Held while an instance migrates the database and seeds it, so that instances starting at once on one PostgreSQL
/// database take turns: the first migrates and creates the roles and the admin, the next find them done. A session-level
/// advisory lock on a connection of its own, released when disposed, or by the server should the instance die holding it.
/// On SQLite there is one instance per database file, and nothing to hold.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The lock's key, "BlzLedgr" in ASCII: nothing else in the database takes it.</summary>
    public const long Key = 0x426C_7A4C_6564_6772;

    private readonly NpgsqlConnection? connection;

    private StartupLock(NpgsqlConnection? connection) => this.connection = connection;

    public static async Task<StartupLock> TakeAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        if (services.GetService<NpgsqlDataSource>() is not { } dataSource)
        {
            return new StartupLock(null);
        }
        NpgsqlConnection connection;
        try
        {
            connection = await dataSource.OpenConnectionAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // A new server: make the database, as migrating would, and lock in it. Instances racing here all try; the
            // losers find it made.
            await CreateDatabaseAsync(services, ct);
            connection = await dataSource.OpenConnectionAsync(ct);
        }
        try
        {
            if (!await ExecuteAsync<bool>(connection, "SELECT pg_try_advisory_lock($1)", ct))
            {
                logger.LogInformation("Another instance is migrating or seeding the database; waiting for it to finish");
                await ExecuteAsync<object>(connection, "SELECT pg_advisory_lock($1)", ct);
            }
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task CreateDatabaseAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        try
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is null)
        {
            return;
        }
        try
        {
            await ExecuteAsync<bool>(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<T> ExecuteAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Key });
        // Waiting for another instance is expected; no command timeout cuts it short.
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
