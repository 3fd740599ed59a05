using System.Diagnostics;
using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// Durable ledger writes per second: N two-posting transfers through the posting service against the same rows written
/// with raw, prepared Microsoft.Data.Sqlite commands (the number from the book's counter, transaction, postings, balances,
/// activity counters, audit), on fresh files, in pairs run back to back so both see the same machine noise.
/// </summary>
internal static class WriteBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"Writes: {options.Transfers} sequential transfers, WAL, median of {options.Rounds} rounds each");
        Console.WriteLine("(service/raw is the median of each round's pair, which runs back to back, in turns first, so a slow spell of the machine's disk weighs on both)");
        Console.WriteLine($"{"durability",-12}{"raw tx/s",12}{"service tx/s",15}{"service/raw",14}{"pairs from-to",18}");
        foreach (var durability in new[] { SqliteDurability.Full, SqliteDurability.Normal })
        {
            var raw = new List<double>();
            var service = new List<double>();
            var pairs = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                double rawRate, serviceRate;
                if (round % 2 == 0)
                {
                    rawRate = await RawAsync(options, durability);
                    serviceRate = await ServiceAsync(options, durability);
                }
                else
                {
                    serviceRate = await ServiceAsync(options, durability);
                    rawRate = await RawAsync(options, durability);
                }
                raw.Add(rawRate);
                service.Add(serviceRate);
                pairs.Add(serviceRate / rawRate);
            }
            Console.WriteLine($"{durability.ToString().ToUpperInvariant(),-12}{Median(raw),12:N0}{Median(service),15:N0}{Median(pairs),13:N2}x" +
                $"{$"{pairs.Min():N2}-{pairs.Max():N2}",18}");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<double> ServiceAsync(BenchmarkOptions options, SqliteDurability durability)
    {
        await using var bench = await BenchDatabase.CreateSqliteAsync(options.Directory, durability);
        var postings = bench.Postings;
        var random = new Random(1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < options.Transfers; i++)
        {
            var (from, to) = Pick(random, bench.Accounts);
            var amount = random.NextInt64(1, 100_000);
            var result = await postings.PostAsync(bench.Actor, new PostTransaction(bench.BookId, today, "Transfer", null,
                [new PostingLine(to, amount), new PostingLine(from, -amount)], $"k{i}"));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Message);
            }
        }
        return options.Transfers / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RawAsync(BenchmarkOptions options, SqliteDurability durability)
    {
        await using var bench = await BenchDatabase.CreateSqliteAsync(options.Directory, durability);
        await using var connection = new SqliteConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await Exec(connection, $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {(durability == SqliteDurability.Full ? "FULL" : "NORMAL")};");

        var insertTransaction = Prepare(connection, """
            INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "Payee", "IdempotencyKey", "RequestHash", "CreatedById", "CreatedAt", "ReversesId")
            VALUES ($id, $book, $number, $date, 'Transfer', NULL, $key, $hash, $user, $at, NULL)
            """, "$id", "$book", "$date", "$key", "$hash", "$user", "$at", "$number");
        var insertPosting = Prepare(connection, """
            INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount", "Memo") VALUES ($tx, $account, $date, $amount, NULL)
            """, "$tx", "$account", "$date", "$amount");
        var updateBalance = Prepare(connection, """
            UPDATE "Accounts" SET "Balance" = "Balance" + $amount WHERE "Id" = $account
            """, "$amount", "$account");
        var addToDay = Prepare(connection, """
            INSERT INTO "AccountDays" ("AccountId", "Date", "BookId", "Amount") VALUES ($account, $date, $book, $amount)
            ON CONFLICT ("AccountId", "Date") DO UPDATE SET "Amount" = "AccountDays"."Amount" + excluded."Amount"
            """, "$account", "$date", "$book", "$amount");
        var countBook = Prepare(connection, """
            UPDATE "Books" SET "TransactionCount" = "TransactionCount" + 1 WHERE "Id" = $book RETURNING "TransactionCount"
            """, "$book");
        var countDay = Prepare(connection, """
            INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume") VALUES ($day, $currency, $slot, 1, $volume)
            ON CONFLICT ("Day", "Currency", "Slot") DO UPDATE SET "Transactions" = "Transactions" + 1, "Volume" = "Volume" + excluded."Volume"
            """, "$day", "$currency", "$slot", "$volume");
        var insertAudit = Prepare(connection, """
            INSERT INTO "AuditEvents" ("At", "UserId", "BookId", "Action", "EntityType", "EntityId", "Details")
            VALUES ($at, $user, $book, 'transaction.posted', 'Transaction', $tx, '{}')
            """, "$at", "$user", "$book", "$tx");

        var book = bench.BookId.ToString().ToUpperInvariant();
        var random = new Random(1);
        var date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < options.Transfers; i++)
        {
            var (from, to) = Pick(random, bench.Accounts);
            var amount = random.NextInt64(1, 100_000);
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            var at = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            using var tx = connection.BeginTransaction(deferred: false);
            foreach (var command in new[] { insertTransaction, insertPosting, updateBalance, addToDay, countBook, countDay, insertAudit })
            {
                command.Transaction = tx;
            }
            Set(countBook, book);
            var number = (long)(await countBook.ExecuteScalarAsync())!;
            Set(insertTransaction, id, book, date, $"k{i}", new string('0', 64), bench.Actor.UserId, at, number);
            await insertTransaction.ExecuteNonQueryAsync();
            foreach (var (account, delta) in new[] { (to, amount), (from, -amount) })
            {
                Set(insertPosting, id, account.ToString().ToUpperInvariant(), date, delta);
                await insertPosting.ExecuteNonQueryAsync();
                Set(updateBalance, delta, account.ToString().ToUpperInvariant());
                await updateBalance.ExecuteNonQueryAsync();
                Set(addToDay, account.ToString().ToUpperInvariant(), date, book, delta);
                await addToDay.ExecuteNonQueryAsync();
            }
            foreach (var (currency, volume) in new[] { ("*", 0L), ("USD", amount) })
            {
                Set(countDay, date, currency, DailyActivity.SlotOf(bench.BookId), volume);
                await countDay.ExecuteNonQueryAsync();
            }
            Set(insertAudit, at, bench.Actor.UserId, book, id);
            await insertAudit.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        return options.Transfers / watch.Elapsed.TotalSeconds;
    }

    internal static (Guid From, Guid To) Pick(Random random, Guid[] accounts)
    {
        var from = random.Next(accounts.Length);
        var to = (from + 1 + random.Next(accounts.Length - 1)) % accounts.Length;
        return (accounts[from], accounts[to]);
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
