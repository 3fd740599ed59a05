using BlazorLedger.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// The schema, built once per test run by applying the real migrations to an in-memory database, then copied into each
/// test's own database with SQLite's backup API (far faster than migrating every time).
/// </summary>
internal static class SchemaTemplate
{
    private static readonly Lazy<SqliteConnection> Template = new(() =>
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var options = LedgerDbContext.StandaloneOptions(o => o.UseSqlite(connection));
        using var db = new LedgerDbContext(options);
        db.Database.Migrate();
        return connection;
    });

    private static readonly Lock Gate = new();

    public static void CopyTo(SqliteConnection destination)
    {
        // One reader of the template connection at a time: a SqliteConnection is not thread-safe.
        lock (Gate)
        {
            Template.Value.BackupDatabase(destination);
        }
    }
}
