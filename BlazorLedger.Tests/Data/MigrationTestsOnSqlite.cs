using BlazorLedger.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

public sealed class MigrationTestsOnSqlite : MigrationTests
{
    private protected override Task<(Action<DbContextOptionsBuilder<LedgerDbContext>> Configure, Func<Task> CleanUp)> EmptyDatabaseAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-migrations-{Guid.NewGuid():N}.db");
        return Task.FromResult<(Action<DbContextOptionsBuilder<LedgerDbContext>>, Func<Task>)>((o => o.UseSqlite($"Data Source={path}"), () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            return Task.CompletedTask;
        }));
    }
}
