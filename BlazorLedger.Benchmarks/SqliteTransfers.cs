using System.Globalization;
using BlazorLedger.Data;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// A long history loaded fast into a SQLite ledger: <c>count</c> transfers between two accounts over ten years, entered
/// over the last 90 days, written with raw prepared inserts in one transaction; then the stored balances, the book's
/// counter and the daily activity counters set to match, and the tables analyzed, so that the app reads them as if it
/// had posted every one.
/// </summary>
internal static class SqliteTransfers
{
    public static async Task LoadAsync(string connectionString, Guid bookId, string userId, Guid a, Guid b, int count)
    {
        var (aText, bText) = (a.ToString().ToUpperInvariant(), b.ToString().ToUpperInvariant());
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = connection.BeginTransaction();
        await using var insertTx = connection.CreateCommand();
        insertTx.CommandText = """
            INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "CreatedById", "CreatedAt")
            VALUES ($id, $book, $number, $date, $description, $user, $at)
            """;
        await using var insertPosting = connection.CreateCommand();
        insertPosting.CommandText = """
            INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount") VALUES ($tx, $account, $date, $amount)
            """;
        foreach (var name in new[] { "$id", "$book", "$date", "$description", "$user", "$number", "$at" })
        {
            insertTx.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        foreach (var name in new[] { "$tx", "$account", "$date", "$amount" })
        {
            insertPosting.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        var random = new Random(3);
        var start = new DateOnly(2016, 1, 1);
        var book = bookId.ToString().ToUpperInvariant();
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            var date = start.AddDays(random.Next(0, 3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var amount = random.NextInt64(1, 100_000);
            insertTx.Parameters[0].Value = id;
            insertTx.Parameters[1].Value = book;
            insertTx.Parameters[2].Value = date;
            insertTx.Parameters[3].Value = $"Transfer {i}";
            insertTx.Parameters[4].Value = userId;
            insertTx.Parameters[5].Value = i + 1L;
            // Entered over the last 90 days, so the dashboard's recent-activity figures have work to do.
            insertTx.Parameters[6].Value = now.AddMinutes(-(i % (90 * 24 * 60))).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await insertTx.ExecuteNonQueryAsync();
            foreach (var (account, delta) in new[] { (aText, amount), (bText, -amount) })
            {
                insertPosting.Parameters[0].Value = id;
                insertPosting.Parameters[1].Value = account;
                insertPosting.Parameters[2].Value = date;
                insertPosting.Parameters[3].Value = delta;
                await insertPosting.ExecuteNonQueryAsync();
            }
        }
        await using var totals = connection.CreateCommand();
        totals.CommandText = $$"""
            UPDATE "Accounts" SET "Balance" = (SELECT COALESCE(SUM("Amount"), 0) FROM "Postings" WHERE "AccountId" = "Accounts"."Id");
            UPDATE "Books" SET "TransactionCount" = (SELECT COUNT(*) FROM "Transactions" AS t WHERE t."BookId" = "Books"."Id");
            INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume")
            SELECT substr(t."CreatedAt", 1, 10), '*', {{DailyActivity.SlotOf(bookId)}}, COUNT(*), 0 FROM "Transactions" AS t GROUP BY substr(t."CreatedAt", 1, 10);
            INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume")
            SELECT substr(t."CreatedAt", 1, 10), a."Currency", {{DailyActivity.SlotOf(bookId)}}, COUNT(DISTINCT t."Id"), SUM(p."Amount")
            FROM "Postings" AS p JOIN "Transactions" AS t ON t."Id" = p."TransactionId" JOIN "Accounts" AS a ON a."Id" = p."AccountId"
            WHERE p."Amount" > 0 GROUP BY substr(t."CreatedAt", 1, 10), a."Currency";
            ANALYZE;
            """;
        await totals.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
