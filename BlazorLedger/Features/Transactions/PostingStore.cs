using System.Text;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// The SQL of the posting hot path. Posting is the one write that must be fast, so instead of change tracking and one
/// statement per row it reads everything it checks in one round trip and writes the transaction, its postings, the balance
/// increments and the audit event in one batch. Parameters go through EF, so values are stored exactly as EF stores them.
/// The SQL is portable (standard quoting, UPDATE ... RETURNING), so that another provider can run the same text.
/// </summary>
internal static class PostingStore
{
    /// <summary>
    /// Takes the book's next transaction number and reads the actor's role and name, whether the book is archived and its lock date, the transaction already posted with
    /// <paramref name="idempotencyKey"/> and the accounts, as one command of typed SELECTs. Call it inside the write
    /// transaction: the number comes from the book's counter (<see cref="Book.TransactionCount"/>, which thereby counts
    /// and numbers in one), never by reading the highest number so far, so two writers can never see the same "next" one. The counter
    /// is taken first because on a server with row locks that makes posts to one book queue there, and what is read after
    /// it is then what the post is checked against; posts to different books do not wait for each other.
    /// </summary>
    public static async Task<PostingContext> ReadAsync(LedgerDbContext db, string userId, Guid bookId, string? idempotencyKey,
        IEnumerable<Guid> accountIds, CancellationToken ct)
    {
        var parameters = new List<object> { bookId, userId };
        // Outsiders neither count nor lock: only a member's post touches the book row.
        var sql = new StringBuilder("""
            UPDATE "Books" SET "TransactionCount" = "TransactionCount" + 1
            WHERE "Id" = {0} AND EXISTS (SELECT 1 FROM "BookMembers" AS m WHERE m."BookId" = {0} AND m."UserId" = {1})
            RETURNING "TransactionCount";
            SELECT m."Role", u."DisplayName", b."ArchivedAt", b."LockDate" FROM "BookMembers" AS m JOIN "AspNetUsers" AS u ON u."Id" = m."UserId"
            JOIN "Books" AS b ON b."Id" = m."BookId"
            WHERE m."BookId" = {0} AND m."UserId" = {1};
            """);
        if (idempotencyKey is not null)
        {
            parameters.Add(idempotencyKey);
            sql.Append("""

                SELECT "Id", "RequestHash" FROM "Transactions" WHERE "BookId" = {0} AND "CreatedById" = {1} AND "IdempotencyKey" = {2};
                """);
        }
        var ids = accountIds.Distinct().ToList();
        if (ids.Count > 0)
        {
            sql.Append("""

                SELECT "Id", "Name", "Currency", "Archived" FROM "Accounts" WHERE "BookId" = {0} AND "Id" IN (
                """);
            sql.AppendParameterList(parameters, ids).Append(");");
        }

        await using var results = await db.Database.ExecuteReaderRawAsync(sql.ToString(), parameters, ct);
        var reader = results.DbDataReader;
        long? number = await reader.ReadAsync(ct) ? reader.GetInt64(0) : null;

        await reader.NextResultAsync(ct);
        BookStanding? standing = null;
        var actorName = "";
        if (await reader.ReadAsync(ct))
        {
            standing = new BookStanding(Enum.Parse<BookRole>(reader.GetString(0)), !reader.IsDBNull(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
            actorName = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }

        (Guid, string?)? existing = null;
        if (idempotencyKey is not null && await reader.NextResultAsync(ct) && await reader.ReadAsync(ct))
        {
            existing = (reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }

        var accounts = new Dictionary<Guid, AccountForPosting>();
        if (ids.Count > 0 && await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                accounts[id] = new AccountForPosting(id, reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
            }
        }
        return new PostingContext(standing, actorName, number, existing, accounts);
    }

    /// <summary>
    /// Gives back the number <see cref="ReadAsync"/> counted for a post that then wrote nothing, when the write transaction
    /// goes on to commit other posts (group commit): the counter keeps counting transactions, and the numbers stay gapless.
    /// </summary>
    public static Task GiveBackNumberAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""UPDATE "Books" SET "TransactionCount" = "TransactionCount" - 1 WHERE "Id" = {0}""", [bookId], ct);

    /// <summary>
    /// Inserts the transaction, its postings and the audit event and adds each account's net change to its stored
    /// balance (UPDATE ... SET Balance = Balance + x, never read-modify-write). The guard on each UPDATE refuses a change
    /// that would overflow 64 bits (SQLite would silently turn the integer into a float); returns false if any did, and
    /// the caller must then roll back.
    /// </summary>
    public static async Task<bool> WriteAsync(LedgerDbContext db, Transaction transaction, AuditEvent audit,
        Func<Guid, string> currencyOf, CancellationToken ct)
    {
        var parameters = new List<object?>
        {
            transaction.Id, transaction.BookId, transaction.Date, transaction.Description, transaction.Payee,
            transaction.IdempotencyKey, transaction.RequestHash, transaction.CreatedById, transaction.CreatedAt, transaction.ReversesId,
            transaction.Number,
        };
        var sql = new StringBuilder("""
            INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "Payee", "IdempotencyKey", "RequestHash", "CreatedById", "CreatedAt", "ReversesId")
            VALUES ({0}, {1}, {10}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9});
            INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount", "Memo") VALUES
            """);
        var expectedRows = 1 + transaction.Postings.Count + 1;
        for (var i = 0; i < transaction.Postings.Count; i++)
        {
            var posting = transaction.Postings[i];
            sql.Append(i == 0 ? "\n(" : ",\n(").Append("{0}, ");
            Append(sql, parameters, posting.AccountId).Append(", {2}, ");
            Append(sql, parameters, posting.Amount).Append(", ");
            Append(sql, parameters, posting.Memo).Append(')');
        }
        sql.Append(';');
        if (transaction.Tags.Count > 0)
        {
            sql.Append("\nINSERT INTO \"TransactionTags\" (\"TransactionId\", \"Tag\", \"BookId\") VALUES ");
            for (var i = 0; i < transaction.Tags.Count; i++)
            {
                sql.Append(i == 0 ? "({0}, " : ", ({0}, ");
                Append(sql, parameters, transaction.Tags[i].Tag).Append(", {1})");
                expectedRows++;
            }
            sql.Append(';');
        }

        foreach (var (accountId, delta) in BalanceChanges(transaction))
        {
            expectedRows++;
            sql.Append("\nUPDATE \"Accounts\" SET \"Balance\" = \"Balance\" + ");
            Append(sql, parameters, delta).Append(" WHERE \"Id\" = ");
            Append(sql, parameters, accountId).Append(delta > 0 ? " AND \"Balance\" <= " : " AND \"Balance\" >= ");
            Append(sql, parameters, delta > 0 ? long.MaxValue - delta : long.MinValue - delta).Append(';');
            // The account's day, for reports (see AccountDay).
            expectedRows++;
            sql.Append("\nINSERT INTO \"AccountDays\" (\"AccountId\", \"Date\", \"BookId\", \"Amount\") VALUES (");
            Append(sql, parameters, accountId).Append(", {2}, {1}, ");
            Append(sql, parameters, delta).Append(") ON CONFLICT (\"AccountId\", \"Date\") DO UPDATE SET \"Amount\" = \"AccountDays\".\"Amount\" + excluded.\"Amount\"");
            // A day can leave 64 bits while the balance does not (a large day after an opposite balance): refused alike.
            sql.Append(delta > 0 ? " WHERE \"AccountDays\".\"Amount\" <= " : " WHERE \"AccountDays\".\"Amount\" >= ");
            Append(sql, parameters, delta > 0 ? long.MaxValue - delta : long.MinValue - delta).Append(';');
        }

        // The day's activity per currency for the admin figures, in the same transaction (the book's count was taken with
        // the number, by ReadAsync), in the book's slot so that posts to other books need not wait for this one's commit.
        var day = DateOnly.FromDateTime(transaction.CreatedAt);
        var slot = DailyActivity.SlotOf(transaction.BookId);
        foreach (var (currency, volume) in Volumes(transaction, currencyOf))
        {
            sql.Append("\nINSERT INTO \"DailyActivity\" (\"Day\", \"Currency\", \"Slot\", \"Transactions\", \"Volume\") VALUES (");
            Append(sql, parameters, day).Append(", ");
            Append(sql, parameters, currency).Append(", ");
            Append(sql, parameters, slot).Append(", 1, ");
            Append(sql, parameters, volume).Append(") ON CONFLICT (\"Day\", \"Currency\", \"Slot\") DO UPDATE SET \"Transactions\" = \"DailyActivity\".\"Transactions\" + 1, ");
            sql.Append(DailyActivity.AddVolumeSql).Append(';');
            expectedRows++;
        }

        sql.Append("\nINSERT INTO \"AuditEvents\" (\"At\", \"UserId\", \"BookId\", \"Action\", \"EntityType\", \"EntityId\", \"Details\") VALUES ({8}, {7}, {1}, ");
        Append(sql, parameters, audit.Action).Append(", ");
        Append(sql, parameters, audit.EntityType).Append(", ");
        Append(sql, parameters, audit.EntityId).Append(", ");
        Append(sql, parameters, audit.Details).Append(");");

        var affected = await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters!, ct);
        return affected == expectedRows;
    }

    /// <summary>Each account's net change (accounts whose postings cancel out are left alone), to add to its balance and its day.</summary>
    public static IEnumerable<(Guid AccountId, long Delta)> BalanceChanges(Transaction transaction) =>
        transaction.Postings.GroupBy(p => p.AccountId).Select(g => (g.Key, g.Sum(p => p.Amount))).Where(c => c.Item2 != 0);

    /// <summary>The day's activity rows a transaction counts in: every transaction in all currencies, and its volume in each currency.</summary>
    public static IEnumerable<(string Currency, long Volume)> Volumes(Transaction transaction, Func<Guid, string> currencyOf) =>
        transaction.Postings.Where(p => p.Amount > 0).GroupBy(p => currencyOf(p.AccountId))
            .Select(g => (Currency: g.Key, Volume: g.Sum(p => p.Amount))).Prepend((Currency: DailyActivity.AllCurrencies, Volume: 0L));

    private static StringBuilder Append(StringBuilder sql, List<object?> parameters, object? value)
    {
        sql.Append('{').Append(parameters.Count).Append('}');
        parameters.Add(value);
        return sql;
    }
}
