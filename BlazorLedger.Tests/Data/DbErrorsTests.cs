using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Data;

/// <summary>The database's own overflow errors are told apart from other failures, on each provider.</summary>
public abstract class DbErrorsTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task A_sum_beyond_64_bits_in_the_database_is_an_overflow_and_other_errors_are_not()
    {
        await using var db = await ledger.DbAsync();
        // SQLite's SUM fails on integers beyond 64 bits (its "+" would silently give a float); PostgreSQL's bigint "+" fails.
        var beyond = db.Database.ProviderOf() == DatabaseProvider.Sqlite
            ? """SELECT SUM("v") AS "Value" FROM (SELECT 9223372036854775807 AS "v" UNION ALL SELECT 1) AS "s" """
            : """SELECT 9223372036854775807::bigint + 1 AS "Value" """;

        var overflow = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.SqlQueryRaw<long>(beyond).ToListAsync());
        var missingTable = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.SqlQueryRaw<long>("""SELECT "x" AS "Value" FROM "NoSuchTable" """).ToListAsync());

        Assert.True(overflow.IsOverflow(), overflow.ToString());
        Assert.False(missingTable.IsOverflow(), missingTable.ToString());
        Assert.True(new InvalidOperationException("wrapped", new OverflowException()).IsOverflow());
    }
}

public sealed class DbErrorsTestsOnSqlite : DbErrorsTests;

public sealed class DbErrorsTestsOnPostgres : DbErrorsTests, IOnPostgres;
