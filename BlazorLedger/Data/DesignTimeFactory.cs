using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlazorLedger.Data;

/// <summary>
/// Lets the EF tools build the model without starting the app (and its seeding). The provider comes from the tool's
/// arguments: <c>dotnet ef migrations add Name -o Data/Migrations/Postgres -n BlazorLedger.Data.Migrations.Postgres -- Postgres</c>;
/// SQLite when none is given.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    public LedgerDbContext CreateDbContext(string[] args)
    {
        var provider = args.Length > 0 ? Enum.Parse<DatabaseProvider>(args[0], ignoreCase: true) : DatabaseProvider.Sqlite;
        return new(LedgerDbContext.StandaloneOptions(options => _ = provider == DatabaseProvider.Postgres
            // The tools only build the model here; no server is contacted.
            ? options.UseNpgsql("Host=localhost;Database=design_time")
            : options.UseSqlite("Data Source=design-time.db")));
    }
}
