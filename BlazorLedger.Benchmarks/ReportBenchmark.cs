using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Reports;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// The reports at a million postings over five years, as the service makes them (from each account's days) beside the
/// direct way (summing the postings): a one-year income statement, a balance sheet and a 60-month net-worth series.
/// </summary>
internal static class ReportBenchmark
{
    private static readonly AccountType[] Types =
    [
        AccountType.Asset, AccountType.Asset, AccountType.Asset, AccountType.Liability, AccountType.Equity,
        AccountType.Income, AccountType.Income, AccountType.Expense, AccountType.Expense, AccountType.Expense,
    ];

    public static async Task RunAsync(BenchmarkOptions options)
    {
        if (options.Large <= 0)
        {
            return;
        }
        await using var bench = await BenchDatabase.CreateSqliteAsync(options.Directory, SqliteDurability.Normal);
        var start = new DateOnly(2021, 1, 1);
        await LoadAsync(bench, options.Large, start);
        var reports = bench.Services.GetRequiredService<ReportService>();
        var year = new ReportPeriod(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var end = start.AddYears(5).AddDays(-1);

        var statement = await Measure.MedianAsync(async () => Check(await reports.IncomeStatementAsync(bench.Actor, bench.BookId, year)));
        var sheet = await Measure.MedianAsync(async () => Check(await reports.BalanceSheetAsync(bench.Actor, bench.BookId, year.To)));
        var series = await Measure.MedianAsync(async () => Check(await reports.NetWorthAsync(bench.Actor, bench.BookId, start, end, ReportInterval.Month)));

        await using var connection = new SqliteConnection(bench.ConnectionString);
        await connection.OpenAsync();
        var book = bench.BookId.ToString().ToUpperInvariant();
        var directStatement = await Measure.MedianAsync(() => Scalar(connection, """
            SELECT SUM(ABS(s)) FROM (SELECT p."AccountId", SUM(p."Amount") AS s FROM "Postings" p JOIN "Accounts" a ON a."Id" = p."AccountId"
            WHERE a."BookId" = $b AND p."Date" >= '2024-01-01' AND p."Date" <= '2024-12-31' GROUP BY p."AccountId")
            """, book), runs: 5);
        var directSheet = await Measure.MedianAsync(() => Scalar(connection, """
            SELECT SUM(ABS(s)) FROM (SELECT p."AccountId", SUM(p."Amount") AS s FROM "Postings" p JOIN "Accounts" a ON a."Id" = p."AccountId"
            WHERE a."BookId" = $b AND p."Date" <= '2024-12-31' GROUP BY p."AccountId")
            """, book), runs: 5);
        var directSeries = await Measure.MedianAsync(() => Scalar(connection, """
            SELECT SUM(ABS(s)) FROM (SELECT p."AccountId", substr(p."Date", 1, 7) AS m, SUM(p."Amount") AS s FROM "Postings" p
            JOIN "Accounts" a ON a."Id" = p."AccountId" WHERE a."BookId" = $b GROUP BY p."AccountId", m)
            """, book), runs: 5);

        Console.WriteLine($"Reports at {options.Large:N0} postings over 5 years, 10 accounts, median of 30 (service) and 5 (direct) runs");
        Console.WriteLine($"{"report",-28}  {"service",12}  {"sum postings",13}  {"faster",8}");
        Row("income statement, 1 year", statement, directStatement);
        Row("balance sheet", sheet, directSheet);
        Row("net worth, 60 months", series, directSeries);
    }

    private static void Row(string name, TimeSpan service, TimeSpan direct) =>
        Console.WriteLine($"{name,-28}  {Measure.Ms(service),12}  {Measure.Ms(direct),13}  {direct / service,7:N0}x");

    private static T Check<T>(BlazorLedger.Common.Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Message);

    private static async Task Scalar(SqliteConnection connection, string sql, string book)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$b", book);
        await command.ExecuteScalarAsync();
    }

    /// <summary>size/2 random transfers over five years with raw inserts; then balances and days set as posting would have kept them.</summary>
    private static async Task LoadAsync(BenchDatabase bench, int size, DateOnly start)
    {
        await using var connection = new SqliteConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using var tx = connection.BeginTransaction();
        for (var i = 0; i < bench.Accounts.Length; i++)
        {
            await using var type = connection.CreateCommand();
            type.CommandText = """UPDATE "Accounts" SET "Type" = $type WHERE "Id" = $id""";
            type.Parameters.AddWithValue("$type", Types[i].ToString());
            type.Parameters.AddWithValue("$id", bench.Accounts[i].ToString().ToUpperInvariant());
            await type.ExecuteNonQueryAsync();
        }
        await using var insertTx = connection.CreateCommand();
        insertTx.CommandText = """
            INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "CreatedById", "CreatedAt")
            VALUES ($id, $book, $number, $date, 'Transfer', $user, $at)
            """;
        await using var insertPosting = connection.CreateCommand();
        insertPosting.CommandText = """INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount") VALUES ($tx, $account, $date, $amount)""";
        foreach (var name in new[] { "$id", "$book", "$number", "$date", "$user", "$at" })
        {
            insertTx.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        foreach (var name in new[] { "$tx", "$account", "$date", "$amount" })
        {
            insertPosting.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        var random = new Random(5);
        var accounts = bench.Accounts.Select(a => a.ToString().ToUpperInvariant()).ToArray();
        var book = bench.BookId.ToString().ToUpperInvariant();
        var at = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        for (var i = 0; i < size / 2; i++)
        {
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            var date = start.AddDays(random.Next(0, 5 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (from, to) = (random.Next(accounts.Length), random.Next(accounts.Length - 1));
            to = to >= from ? to + 1 : to;
            var amount = random.NextInt64(1, 100_000);
            (insertTx.Parameters[0].Value, insertTx.Parameters[1].Value, insertTx.Parameters[2].Value) = (id, book, i + 1L);
            (insertTx.Parameters[3].Value, insertTx.Parameters[4].Value, insertTx.Parameters[5].Value) = (date, bench.Actor.UserId, at);
            await insertTx.ExecuteNonQueryAsync();
            foreach (var (account, delta) in new[] { (accounts[to], amount), (accounts[from], -amount) })
            {
                (insertPosting.Parameters[0].Value, insertPosting.Parameters[1].Value) = (id, account);
                (insertPosting.Parameters[2].Value, insertPosting.Parameters[3].Value) = (date, delta);
                await insertPosting.ExecuteNonQueryAsync();
            }
        }
        await using var derived = connection.CreateCommand();
        derived.CommandText = """
            UPDATE "Accounts" SET "Balance" = (SELECT COALESCE(SUM("Amount"), 0) FROM "Postings" WHERE "AccountId" = "Accounts"."Id");
            UPDATE "Books" SET "TransactionCount" = (SELECT COUNT(*) FROM "Transactions" AS t WHERE t."BookId" = "Books"."Id");
            INSERT INTO "AccountDays" ("AccountId", "Date", "BookId", "Amount")
            SELECT p."AccountId", p."Date", a."BookId", SUM(p."Amount") FROM "Postings" AS p JOIN "Accounts" AS a ON a."Id" = p."AccountId"
            GROUP BY p."AccountId", p."Date", a."BookId";
            ANALYZE;
            """;
        await derived.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
