using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Data;

public static class DbErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>True when a write failed because a unique index already held the value (a lost race, not a bug).</summary>
    public static bool IsUniqueViolation(this Exception exception) => exception switch
    {
        DbUpdateException update => update.InnerException is { } inner && inner.IsUniqueViolation(),
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        DbException db => db.SqlState == "23505",
        _ => false,
    };
}
