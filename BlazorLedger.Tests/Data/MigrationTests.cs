using BlazorLedger.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_applied_to_a_fresh_file_database_leave_no_pending_model_changes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-migrations-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new LedgerDbContext(LedgerDbContext.StandaloneOptions(o => o.UseSqlite($"Data Source={path}"))))
            {
                await db.Database.MigrateAsync();

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.False(db.Database.HasPendingModelChanges());
                Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
