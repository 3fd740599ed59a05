using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

/// <summary>Each provider's migrations build the whole model on an empty database: none is behind the model.</summary>
public abstract class MigrationTests
{
    [DbFact]
    public async Task Migrations_applied_to_an_empty_database_leave_no_pending_model_changes()
    {
        var (configure, cleanUp) = await EmptyDatabaseAsync();
        try
        {
            await using var db = new LedgerDbContext(LedgerDbContext.StandaloneOptions(configure));
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges());
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.NotEmpty(applied);
            // Only this provider's set was applied: the other's would not even run here.
            Assert.Equal(db.Database.GetMigrations(), applied);
        }
        finally
        {
            await cleanUp();
        }
    }

    private protected abstract Task<(Action<DbContextOptionsBuilder<LedgerDbContext>> Configure, Func<Task> CleanUp)> EmptyDatabaseAsync();
}
