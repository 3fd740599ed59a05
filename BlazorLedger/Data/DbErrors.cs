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

    /// <summary>
    /// True when a sum went beyond 64 bits: in the app's own arithmetic, in SQLite's SUM (which then fails), or on the
    /// server (numeric value out of range, 22003).
    /// </summary>
    public static bool IsOverflow(this Exception exception) => exception switch
    {
        OverflowException => true,
        SqliteException sqlite => sqlite.Message.Contains("integer overflow", StringComparison.Ordinal),
        DbException db => db.SqlState == "22003",
        _ => exception.InnerException is { } inner && inner.IsOverflow(),
    };

    /// <summary>
    /// True when the server rolled the transaction back to settle a conflict with another one, a deadlock (40P01) or a
    /// serialization failure (40001): nothing of it was kept, and the same unit of work run again will usually succeed.
    /// </summary>
    public static bool IsTransientConflict(this Exception exception) => exception switch
    {
        DbUpdateException update => update.InnerException is { } inner && inner.IsTransientConflict(),
        DbException db => db.SqlState is "40001" or "40P01",
        _ => false,
    };
}
