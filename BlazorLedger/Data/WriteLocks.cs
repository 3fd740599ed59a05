using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Data;

/// <summary>
/// The locks a write transaction takes before it checks a rule that spans rows (a book keeps an owner, an account name is
/// free, one active admin remains), so that the check and the write that relies on it cannot interleave with another
/// transaction's. On PostgreSQL (READ COMMITTED) each is a row or advisory lock held to the end of the transaction, and the
/// statements after it see everything committed before it was granted. On SQLite there is nothing to take: a write
/// transaction holds the database's one write lock from its start (<see cref="WriteTransactions"/>).
/// </summary>
public static class WriteLocks
{
    /// <summary>The key of the advisory lock that admin commands take; any number, the same on every instance.</summary>
    private const long AdministrationKey = 0x426C_4C65_6467_0001;

    /// <summary>
    /// Locks books' rows, in id order so that two transactions locking several cannot deadlock. Every write to what a book
    /// holds (accounts, members, invitations, transactions) takes its book's lock first; posting takes it with its number.
    /// </summary>
    public static async Task LockBooksAsync(this LedgerDbContext db, IReadOnlyCollection<Guid> bookIds, CancellationToken ct)
    {
        if (IsPostgres(db) && bookIds.Count > 0)
        {
            // NO KEY UPDATE: the strongest lock short of one that would stop rows referring to the book from being inserted.
            await db.Database.ExecuteSqlRawAsync(
                """SELECT "Id" FROM "Books" WHERE "Id" = ANY({0}) ORDER BY "Id" FOR NO KEY UPDATE""", [bookIds.ToArray()], ct);
        }
    }

    /// <summary>Locks a user's row: for rules about what one user holds, such as the number of API tokens.</summary>
    public static async Task LockUserAsync(this LedgerDbContext db, string userId, CancellationToken ct)
    {
        if (IsPostgres(db))
        {
            await db.Database.ExecuteSqlRawAsync("""SELECT "Id" FROM "AspNetUsers" WHERE "Id" = {0} FOR NO KEY UPDATE""", [userId], ct);
        }
    }

    /// <summary>
    /// Queues admin commands behind one another, on every instance: the last-admin rule reads all admins, so no row lock
    /// covers it, and settings are rows that the first change creates.
    /// </summary>
    public static async Task LockAdministrationAsync(this LedgerDbContext db, CancellationToken ct)
    {
        if (IsPostgres(db))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdministrationKey], ct);
        }
    }

    private static bool IsPostgres(LedgerDbContext db) =>
        db.Database.CurrentTransaction is null
            ? throw new InvalidOperationException("A lock is taken inside the write transaction whose checks it protects.")
            : db.Database.ProviderOf() == DatabaseProvider.Postgres;
}
