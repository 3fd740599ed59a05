using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

public sealed class MigrationTestsOnPostgres : MigrationTests, IOnPostgres
{
    private protected override async Task<(Action<DbContextOptionsBuilder<LedgerDbContext>> Configure, Func<Task> CleanUp)> EmptyDatabaseAsync()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync();
        return (o => o.UseNpgsql(connectionString), () => PostgresServer.DropDatabaseAsync(connectionString));
    }
}
