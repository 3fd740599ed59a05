using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorLedger.Data;

public static class DatabaseProviders
{
    /// <summary>Which of the ledger's providers a context runs on.</summary>
    public static DatabaseProvider ProviderOf(this DatabaseFacade database) =>
        database.IsNpgsql() ? DatabaseProvider.Postgres
        : database.IsSqlite() ? DatabaseProvider.Sqlite
        : throw new NotSupportedException($"The ledger does not run on {database.ProviderName}.");

    /// <summary>
    /// The collation that orders text by code point, as <see cref="StringComparer.Ordinal"/> does: SQLite's default, and on
    /// PostgreSQL "C" (a server's default follows its locale, which sorts by language and differs from one server to the next).
    /// </summary>
    public static string CodePointCollation(this DatabaseFacade database) =>
        database.ProviderOf() == DatabaseProvider.Postgres ? "C" : "BINARY";

    /// <summary>Migrates with the set of migrations made for the provider in use (see <see cref="ProviderMigrations"/>).</summary>
    public static DbContextOptionsBuilder UseLedgerMigrations(this DbContextOptionsBuilder options) =>
        options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
}
