using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// What users wait for at scale: a register page (50 rows) and the balances of a chart of accounts, at a small and a large
/// number of postings; the app's way (keyset paging, stored balances) beside the naive way (OFFSET paging, SUM over postings).
/// </summary>
internal static class ReadBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine("Reads: median of 30 runs, all postings in one account pair");
        Console.WriteLine($"{"postings",12}  {"register p1",12}  {"register deep",13}  {"OFFSET deep",12}  {"balances",12}  {"SUM postings",13}  {"admin dashboard",15}");
        // A size of 0 (e.g. --large 0) skips that read: a quick run of the write figures alone.
        foreach (var size in new[] { options.Small, options.Large }.Where(size => size > 0))
        {
            await using var bench = await BenchDatabase.CreateSqliteAsync(options.Directory, SqliteDurability.Normal);
            var (account, deepCursor) = await LoadAsync(bench, size);
            var register = bench.Register;
            var accounts = bench.Services.GetRequiredService<AccountService>();

            var firstPage = await Measure.MedianAsync(async () => Check(await register.GetPageAsync(bench.Actor, new RegisterQuery(bench.BookId, account))));
            var deepPage = await Measure.MedianAsync(async () =>
                Check(await register.GetPageAsync(bench.Actor, new RegisterQuery(bench.BookId, account, Cursor: deepCursor))));
            var balances = await Measure.MedianAsync(async () => Check(await accounts.ListAsync(bench.Actor, bench.BookId)));
            var dashboardService = bench.Services.GetRequiredService<BlazorLedger.Features.Admin.DashboardService>();
            var dashboard = await Measure.MedianAsync(async () => Check(await dashboardService.GetAsync(bench.Actor)), runs: 10);

            await using var connection = new SqliteConnection(bench.ConnectionString);
            await connection.OpenAsync();
            var accountText = account.ToString().ToUpperInvariant();
            var offsetPage = await Measure.MedianAsync(() => Scalar(connection, """
                SELECT SUM(LENGTH(d) + a) FROM (SELECT p."Id", p."Amount" AS a, t."Description" AS d FROM "Postings" p JOIN "Transactions" t ON t."Id" = p."TransactionId"
                WHERE p."AccountId" = $a ORDER BY p."Date" DESC, p."Id" DESC LIMIT 50 OFFSET $offset)
                """, ("$a", accountText), ("$offset", size / 4)));
            var sums = await Measure.MedianAsync(() => Scalar(connection, """
                SELECT SUM(ABS(s)) FROM (SELECT a."Id", (SELECT COALESCE(SUM(p."Amount"), 0) FROM "Postings" p WHERE p."AccountId" = a."Id") AS s
                FROM "Accounts" a WHERE a."BookId" = $b)
                """, ("$b", bench.BookId.ToString().ToUpperInvariant())));

            Console.WriteLine($"{size,12:N0}  {Measure.Ms(firstPage),12}  {Measure.Ms(deepPage),13}  {Measure.Ms(offsetPage),12}  {Measure.Ms(balances),12}  {Measure.Ms(sums),13}  {Measure.Ms(dashboard),15}");
        }
    }

    private static T Check<T>(BlazorLedger.Common.Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Message);

    private static async Task Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Bulk-loads size/2 transfers between two accounts (<see cref="SqliteTransfers"/>) and returns the first account and a
    /// register cursor a quarter of the way down its history.
    /// </summary>
    private static async Task<(Guid Account, string DeepCursor)> LoadAsync(BenchDatabase bench, int size)
    {
        var (a, b) = (bench.Accounts[0], bench.Accounts[1]);
        var aText = a.ToString().ToUpperInvariant();
        await SqliteTransfers.LoadAsync(bench.ConnectionString, bench.BookId, bench.Actor.UserId, a, b, size / 2);
        await using var connection = new SqliteConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using (var admin = connection.CreateCommand())
        {
            // The bench user is an admin, so the dashboard can be timed over the same data.
            admin.CommandText = $"""
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES ('bench-admin', 'Admin', 'ADMIN');
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('{bench.Actor.UserId}', 'bench-admin');
                """;
            await admin.ExecuteNonQueryAsync();
        }

        // A cursor a quarter of the way down the register, made the way the register makes them.
        await using var position = connection.CreateCommand();
        position.CommandText = """
            SELECT "Date", "Id", (SELECT "Balance" FROM "Accounts" WHERE "Id" = $a) - (
                SELECT COALESCE(SUM(q."Amount"), 0) FROM "Postings" q WHERE q."AccountId" = $a AND (q."Date" > p."Date" OR (q."Date" = p."Date" AND q."Id" >= p."Id")))
            FROM "Postings" p WHERE p."AccountId" = $a ORDER BY "Date" DESC, "Id" DESC LIMIT 1 OFFSET $offset
            """;
        position.Parameters.AddWithValue("$a", aText);
        position.Parameters.AddWithValue("$offset", size / 4);
        await using var reader = await position.ExecuteReaderAsync();
        await reader.ReadAsync();
        var cursor = bench.Register.ProtectCursor(
            new RegisterCursor(bench.BookId, a, DateOnly.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1), reader.GetInt64(2)));
        return (a, cursor);
    }
}
