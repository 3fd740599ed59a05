using System.Diagnostics;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Transactions;
using Npgsql;
using NpgsqlTypes;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// The reads of <see cref="ReadBenchmark"/> on PostgreSQL: a register page (first and deep) and the balances through the
/// services, the naive OFFSET page and SUM over postings beside them, and the admin dashboard; then what the server spends
/// on the services' queries (EXPLAIN ANALYZE of the very commands they sent) and the register's plans, which must walk
/// the (AccountId, Date, Id) index and sort nothing.
/// </summary>
internal static class PostgresReadBenchmark
{
    private const string RegisterIndex = "IX_Postings_AccountId_Date_Id";

    /// <summary>
    /// Rows a register page may read: its 51, plus the postings on the cursor's date that the scan skips (about 140 per
    /// day at a million postings here). Reading more means the walk did not start at the cursor.
    /// </summary>
    private const int KeysetRowBudget = 1_000;

    public static async Task RunAsync(BenchmarkOptions options, PostgresBenchServer server)
    {
        var sizes = new[] { options.Small, options.Large }.Where(size => size > 0).ToList();
        if (sizes.Count == 0)
        {
            return;
        }
        using var recorder = new CommandRecorder();
        var plans = new List<string>();
        var serverRows = new List<string>();
        Console.WriteLine("Reads: median of 30 runs, all postings in one account pair; time as the caller sees it");
        Console.WriteLine($"{"postings",12}  {"register p1",12}  {"register deep",13}  {"OFFSET deep",12}  {"balances",12}  {"SUM postings",13}  {"admin dashboard",15}  {"seeded in",9}");
        foreach (var size in sizes)
        {
            await using var bench = await BenchDatabase.CreatePostgresAsync(server);
            var seeding = Stopwatch.StartNew();
            var (account, deepCursor) = await LoadAsync(bench, size);
            var seeded = seeding.Elapsed;
            var register = bench.Register;
            var accounts = bench.Services.GetRequiredService<AccountService>();
            var dashboardService = bench.Services.GetRequiredService<DashboardService>();
            Func<Task> firstPageCall = async () => Check(await register.GetPageAsync(bench.Actor, new RegisterQuery(bench.BookId, account)));
            Func<Task> deepPageCall = async () => Check(await register.GetPageAsync(bench.Actor, new RegisterQuery(bench.BookId, account, Cursor: deepCursor)));
            Func<Task> balancesCall = async () => Check(await accounts.ListAsync(bench.Actor, bench.BookId));
            Func<Task> dashboardCall = async () => Check(await dashboardService.GetAsync(bench.Actor));

            var firstPage = await Measure.MedianAsync(firstPageCall);
            var deepPage = await Measure.MedianAsync(deepPageCall);
            var balances = await Measure.MedianAsync(balancesCall);
            var dashboard = await Measure.MedianAsync(dashboardCall, runs: 10);

            await using var connection = new NpgsqlConnection(bench.ConnectionString);
            await connection.OpenAsync();
            var offsetPage = await Measure.MedianAsync(() => Scalar(connection, """
                SELECT SUM(LENGTH(d) + a) FROM (SELECT p."Id", p."Amount" AS a, t."Description" AS d FROM "Postings" p JOIN "Transactions" t ON t."Id" = p."TransactionId"
                WHERE p."AccountId" = $1 ORDER BY p."Date" DESC, p."Id" DESC LIMIT 50 OFFSET $2) AS page
                """, account, (long)(size / 4)));
            var sums = await Measure.MedianAsync(() => Scalar(connection, """
                SELECT SUM(ABS(s)) FROM (SELECT a."Id", (SELECT COALESCE(SUM(p."Amount"), 0) FROM "Postings" p WHERE p."AccountId" = a."Id") AS s
                FROM "Accounts" a WHERE a."BookId" = $1) AS sums
                """, bench.BookId), runs: 10);
            Console.WriteLine($"{size,12:N0}  {Measure.Ms(firstPage),12}  {Measure.Ms(deepPage),13}  {Measure.Ms(offsetPage),12}  {Measure.Ms(balances),12}  {Measure.Ms(sums),13}  {Measure.Ms(dashboard),15}  {seeded.TotalSeconds,7:N1} s");

            // The server's share: every command each call sends, planned and executed again with EXPLAIN ANALYZE.
            var firstCommands = await recorder.RecordAsync(firstPageCall);
            var deepCommands = await recorder.RecordAsync(deepPageCall);
            var balanceCommands = await recorder.RecordAsync(balancesCall);
            var dashboardCommands = await recorder.RecordAsync(dashboardCall);
            serverRows.Add($"{size,12:N0}  {Measure.Ms(await Measure.MedianOfAsync(() => ServerSide.TimeAsync(connection, firstCommands))),12}  " +
                $"{Measure.Ms(await Measure.MedianOfAsync(() => ServerSide.TimeAsync(connection, deepCommands))),13}  " +
                $"{Measure.Ms(await Measure.MedianOfAsync(() => ServerSide.TimeAsync(connection, balanceCommands))),12}  " +
                $"{Measure.Ms(await Measure.MedianOfAsync(() => ServerSide.TimeAsync(connection, dashboardCommands), runs: 10)),15}  " +
                $"{firstCommands.Count,4}/{deepCommands.Count}/{balanceCommands.Count}/{dashboardCommands.Count}");
            foreach (var (name, commands) in new[] { ("register p1", firstCommands), ("register deep", deepCommands) })
            {
                var (keyset, summary) = ServerSide.Keyset(await ServerSide.PlanAsync(connection, commands, "Postings"), "Postings", RegisterIndex, KeysetRowBudget);
                plans.Add($"{size,12:N0}  {name,-13}  {(keyset ? "keyset" : "NOT KEYSET"),-10}  {summary}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("Server side: planning + execution of every query of the call (EXPLAIN ANALYZE), median of 30 runs");
        Console.WriteLine($"{"postings",12}  {"register p1",12}  {"register deep",13}  {"balances",12}  {"admin dashboard",15}  queries");
        serverRows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Register plans");
        plans.ForEach(Console.WriteLine);
    }

    private static T Check<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Message);

    private static async Task Scalar(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await command.ExecuteScalarAsync();
    }
    /// <summary>
    /// Loads size/2 transfers between two accounts over ten years with binary COPY (the rows <see cref="ReadBenchmark"/>
    /// inserts one by one), sets the stored balances, the book's counter and the daily activity to match, analyzes, and
    /// returns the first account and a register cursor a quarter of the way down its history.
    /// </summary>
    private static async Task<(Guid Account, string DeepCursor)> LoadAsync(BenchDatabase bench, int size)
    {
        var (a, b) = (bench.Accounts[0], bench.Accounts[1]);
        var random = new Random(3);
        var start = new DateOnly(2016, 1, 1);
        var transfers = new (Guid Id, DateOnly Date, long Amount)[size / 2];
        for (var i = 0; i < transfers.Length; i++)
        {
            transfers[i] = (Guid.CreateVersion7(), start.AddDays(random.Next(0, 3650)), random.NextInt64(1, 100_000));
        }

        // A load takes longer than a command may by default.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(bench.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await BulkLoad.IntoAsync(connection, ["Transactions", "Postings"], () => CopyAsync(connection, bench, transfers, a, b));

            // The bench user is an admin, so the dashboard can be timed over the same data.
            await using var consistent = new NpgsqlCommand($$"""
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES ('bench-admin', 'Admin', 'ADMIN');
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('{{bench.Actor.UserId}}', 'bench-admin');
                UPDATE "Accounts" SET "Balance" = (SELECT COALESCE(SUM("Amount"), 0) FROM "Postings" WHERE "AccountId" = "Accounts"."Id");
                UPDATE "Books" SET "TransactionCount" = (SELECT COUNT(*) FROM "Transactions" AS t WHERE t."BookId" = "Books"."Id");
                DELETE FROM "DailyActivity";
                INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume")
                SELECT (t."CreatedAt" AT TIME ZONE 'UTC')::date, '*', {{DailyActivity.SlotOf(bench.BookId)}}, COUNT(*), 0 FROM "Transactions" AS t GROUP BY 1;
                INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume")
                SELECT (t."CreatedAt" AT TIME ZONE 'UTC')::date, a."Currency", {{DailyActivity.SlotOf(bench.BookId)}}, COUNT(DISTINCT t."Id"), SUM(p."Amount")
                FROM "Postings" AS p JOIN "Transactions" AS t ON t."Id" = p."TransactionId" JOIN "Accounts" AS a ON a."Id" = p."AccountId"
                WHERE p."Amount" > 0 GROUP BY 1, 2;
                """, connection);
            await consistent.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        // Fresh statistics and visibility map, as autovacuum would leave them after a load.
        await using (var analyze = new NpgsqlCommand("VACUUM (ANALYZE)", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // A cursor a quarter of the way down the register, made the way the register makes them. The position is found
        // first: PostgreSQL would compute the select list for every row the OFFSET skips.
        await using var position = new NpgsqlCommand("""
            WITH p AS (SELECT "Date", "Id" FROM "Postings" WHERE "AccountId" = $1 ORDER BY "Date" DESC, "Id" DESC LIMIT 1 OFFSET $2)
            SELECT p."Date", p."Id", (SELECT "Balance" FROM "Accounts" WHERE "Id" = $1) - (
                SELECT COALESCE(SUM(q."Amount"), 0) FROM "Postings" q WHERE q."AccountId" = $1 AND (q."Date", q."Id") >= (p."Date", p."Id"))
            FROM p
            """, connection) { Parameters = { new() { Value = a }, new() { Value = (long)(size / 4) } } };
        await using var reader = await position.ExecuteReaderAsync();
        await reader.ReadAsync();
        var cursor = bench.Register.ProtectCursor(
            new RegisterCursor(bench.BookId, a, reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2)));
        return (a, cursor);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, BenchDatabase bench, (Guid Id, DateOnly Date, long Amount)[] transfers,
        Guid debited, Guid credited)
    {
        var now = DateTime.UtcNow;
        await using (var importer = await connection.BeginBinaryImportAsync("""
            COPY "Transactions" ("Id", "BookId", "Number", "Date", "Description", "CreatedById", "CreatedAt") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < transfers.Length; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(transfers[i].Id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(bench.BookId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(i + 1L, NpgsqlDbType.Bigint);
                await importer.WriteAsync(transfers[i].Date, NpgsqlDbType.Date);
                await importer.WriteAsync($"Transfer {i}", NpgsqlDbType.Varchar);
                await importer.WriteAsync(bench.Actor.UserId, NpgsqlDbType.Text);
                // Entered over the last 90 days, so the dashboard's recent-activity figures have work to do.
                await importer.WriteAsync(now.AddMinutes(-(i % (90 * 24 * 60))), NpgsqlDbType.TimestampTz);
            }
            await importer.CompleteAsync();
        }
        await using (var importer = await connection.BeginBinaryImportAsync("""
            COPY "Postings" ("TransactionId", "AccountId", "Date", "Amount") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (id, date, amount) in transfers)
            {
                foreach (var (account, delta) in new[] { (debited, amount), (credited, -amount) })
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await importer.WriteAsync(account, NpgsqlDbType.Uuid);
                    await importer.WriteAsync(date, NpgsqlDbType.Date);
                    await importer.WriteAsync(delta, NpgsqlDbType.Bigint);
                }
            }
            await importer.CompleteAsync();
        }
    }
}
