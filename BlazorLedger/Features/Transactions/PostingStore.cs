using System.Text;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// The SQL of the posting hot path. Posting is the one write that must be fast, so instead of change tracking and one
/// statement per row it reads everything it checks in one query and writes the transaction, its postings, the balance
/// increments and the audit event in one batch. Parameters go through EF, so values are stored exactly as EF stores them.
/// </summary>
internal static class PostingStore
{
    private sealed class Row
    {
        public int Kind { get; set; }
        public Guid? Id { get; set; }
        public string? Text1 { get; set; }
        public string? Text2 { get; set; }
        public bool Flag { get; set; }
    }

    public static async Task<PostingContext> ReadAsync(LedgerDbContext db, string userId, Guid bookId, string? idempotencyKey,
        IEnumerable<Guid> accountIds, CancellationToken ct)
    {
        var parameters = new List<object> { bookId, userId };
        var sql = new StringBuilder("""
            SELECT 0 AS "Kind", NULL AS "Id", m."Role" AS "Text1", u."DisplayName" AS "Text2", 0 AS "Flag"
            FROM "BookMembers" AS m JOIN "AspNetUsers" AS u ON u."Id" = m."UserId" WHERE m."BookId" = {0} AND m."UserId" = {1}
            UNION ALL SELECT 3, NULL, CAST(COALESCE(MAX("Number"), 0) + 1 AS TEXT), NULL, 0 FROM "Transactions" WHERE "BookId" = {0}
            """);
        if (idempotencyKey is not null)
        {
            parameters.Add(idempotencyKey);
            sql.Append("""

                UNION ALL SELECT 1, "Id", "RequestHash", NULL, 0 FROM "Transactions" WHERE "BookId" = {0} AND "CreatedById" = {1} AND "IdempotencyKey" = {2}
                """);
        }
        var ids = accountIds.Distinct().ToList();
        if (ids.Count > 0)
        {
            sql.Append("""

                UNION ALL SELECT 2, "Id", "Name", "Currency", "Archived" FROM "Accounts" WHERE "BookId" = {0} AND "Id" IN (
                """);
            for (var i = 0; i < ids.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append('{').Append(parameters.Count).Append('}');
                parameters.Add(ids[i]);
            }
            sql.Append(')');
        }

        var rows = await db.Database.SqlQueryRaw<Row>(sql.ToString(), parameters.ToArray()).ToListAsync(ct);
        BookRole? role = null;
        var nextNumber = 1L;
        var actorName = "";
        (Guid, string?)? existing = null;
        var accounts = new Dictionary<Guid, AccountForPosting>();
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case 0:
                    role = Enum.Parse<BookRole>(row.Text1!);
                    actorName = row.Text2 ?? "";
                    break;
                case 1:
                    existing = (row.Id!.Value, row.Text1);
                    break;
                case 3:
                    nextNumber = long.Parse(row.Text1!, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    accounts[row.Id!.Value] = new AccountForPosting(row.Id.Value, row.Text1!, row.Text2!, row.Flag);
                    break;
            }
        }
        return new PostingContext(role, existing, accounts, nextNumber, actorName);
    }

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

        foreach (var (accountId, delta) in transaction.Postings.GroupBy(p => p.AccountId).Select(g => (g.Key, g.Sum(p => p.Amount))))
        {
            if (delta == 0)
            {
                continue;
            }
            expectedRows++;
            sql.Append("\nUPDATE \"Accounts\" SET \"Balance\" = \"Balance\" + ");
            Append(sql, parameters, delta).Append(" WHERE \"Id\" = ");
            Append(sql, parameters, accountId).Append(delta > 0 ? " AND \"Balance\" <= " : " AND \"Balance\" >= ");
            Append(sql, parameters, delta > 0 ? long.MaxValue - delta : long.MinValue - delta).Append(';');
        }

        // Counters for the admin figures, in the same transaction: the book's count and the day's activity per currency.
        sql.Append("\nUPDATE \"Books\" SET \"TransactionCount\" = \"TransactionCount\" + 1 WHERE \"Id\" = {1};");
        expectedRows++;
        var day = DateOnly.FromDateTime(transaction.CreatedAt);
        var volumes = transaction.Postings.Where(p => p.Amount > 0).GroupBy(p => currencyOf(p.AccountId))
            .Select(g => (Currency: g.Key, Volume: g.Sum(p => p.Amount))).Prepend((Currency: DailyActivity.AllCurrencies, Volume: 0L));
        foreach (var (currency, volume) in volumes)
        {
            sql.Append("\nINSERT INTO \"DailyActivity\" (\"Day\", \"Currency\", \"Transactions\", \"Volume\") VALUES (");
            Append(sql, parameters, day).Append(", ");
            Append(sql, parameters, currency).Append(", 1, ");
            Append(sql, parameters, volume).Append(") ON CONFLICT (\"Day\", \"Currency\") DO UPDATE SET \"Transactions\" = \"Transactions\" + 1, ");
            sql.Append("\"Volume\" = \"Volume\" + excluded.\"Volume\";");
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

    private static StringBuilder Append(StringBuilder sql, List<object?> parameters, object? value)
    {
        sql.Append('{').Append(parameters.Count).Append('}');
        parameters.Add(value);
        return sql;
    }
}
