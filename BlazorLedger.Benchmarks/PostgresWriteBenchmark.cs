using System.Diagnostics;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using Npgsql;
using NpgsqlTypes;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// Durable ledger writes per second on PostgreSQL: two-posting transfers through the posting service (as the app registers
/// it) against the same rows written with raw, prepared Npgsql commands, by one writer and by several writers each on its
/// own book. Every run is on a fresh database; within a round the four runs alternate, so all see the same machine noise.
/// </summary>
internal static class PostgresWriteBenchmark
{
    /// <summary>Untimed transfers per writer before the clock starts: connections opened, statements prepared, code jitted.</summary>
    private const int Warmup = 20;

    public static async Task RunAsync(BenchmarkOptions options, PostgresBenchServer server)
    {
        Console.WriteLine($"Writes: {options.Transfers} transfers per run shared by the writers, each writer on its own book, " +
            $"median of {options.Rounds} rounds each");
        if (!server.Durable)
        {
            Console.WriteLine("Warning: commits do not wait for the disk on this server, so these are not the durable figures.");
        }
        var writerCounts = new[] { 1, options.Writers };
        var raw = writerCounts.ToDictionary(w => w, _ => new List<double>());
        var service = writerCounts.ToDictionary(w => w, _ => new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var writers in writerCounts)
            {
                raw[writers].Add(await RateAsync(server, writers, options.Transfers, RawPosterAsync));
                service[writers].Add(await RateAsync(server, writers, options.Transfers, ServicePosterAsync));
            }
        }

        Console.WriteLine($"{"writers",-12}{"raw tx/s",12}{"service tx/s",15}{"service/raw",14}");
        foreach (var writers in writerCounts)
        {
            var (rawRate, serviceRate) = (Median(raw[writers]), Median(service[writers]));
            Console.WriteLine($"{writers,-12}{rawRate,12:N0}{serviceRate,15:N0}{serviceRate / rawRate,13:N2}x");
        }
        Console.WriteLine($"{options.Writers} writers / 1 writer: raw {Median(raw[options.Writers]) / Median(raw[1]):N2}x, " +
            $"service {Median(service[options.Writers]) / Median(service[1]):N2}x");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>A writer: posts transfer number i to its book.</summary>
    private delegate Task Poster(int i);

    private static async Task<double> RateAsync(PostgresBenchServer server, int writers, int transfers,
        Func<BenchDatabase, int, List<IAsyncDisposable>, Task<Poster>> makePoster)
    {
        await using var bench = await BenchDatabase.CreatePostgresAsync(server, books: writers);
        var owned = new List<IAsyncDisposable>();
        try
        {
            var posters = new Poster[writers];
            for (var w = 0; w < writers; w++)
            {
                posters[w] = await makePoster(bench, w, owned);
            }
            await Task.WhenAll(posters.Select(post => Task.Run(async () =>
            {
                for (var i = 0; i < Warmup; i++)
                {
                    await post(-1 - i);
                }
            })));

            var perWriter = transfers / writers;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(posters.Select(post => Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    await post(i);
                }
            })));
            return perWriter * writers / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var item in owned)
            {
                await item.DisposeAsync();
            }
        }
    }

    private static Task<Poster> ServicePosterAsync(BenchDatabase bench, int writer, List<IAsyncDisposable> owned)
    {
        var postings = bench.Postings;
        var book = bench.Books[writer];
        var random = new Random(writer + 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return Task.FromResult<Poster>(async i =>
        {
            var (from, to) = WriteBenchmark.Pick(random, book.Accounts);
            var amount = random.NextInt64(1, 100_000);
            var result = await postings.PostAsync(bench.Actor, new PostTransaction(book.Id, today, "Transfer", null,
                [new PostingLine(to, amount), new PostingLine(from, -amount)], $"k{i}"));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Message);
            }
        });
    }

    /// <summary>
    /// What a careful hand-written post does: take the number from the book's counter, then send the transaction, its
    /// postings, the balance increments (with the same overflow guard), the day's activity and the audit event as one
    /// batch of prepared statements, and commit. Three round trips, as the service's.
    /// </summary>
    private static async Task<Poster> RawPosterAsync(BenchDatabase bench, int writer, List<IAsyncDisposable> owned)
    {
        var connection = new NpgsqlConnection(bench.ConnectionString);
        owned.Add(connection);
        await connection.OpenAsync();

        var countBook = new NpgsqlCommand("""
            UPDATE "Books" SET "TransactionCount" = "TransactionCount" + 1 WHERE "Id" = $1 RETURNING "TransactionCount"
            """, connection) { Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Uuid } } };
        owned.Add(countBook);
        await countBook.PrepareAsync();

        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""
                    INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "Payee", "IdempotencyKey", "RequestHash", "CreatedById", "CreatedAt", "ReversesId")
                    VALUES ($1, $2, $3, $4, 'Transfer', NULL, $5, $6, $7, $8, NULL)
                    """, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint, NpgsqlDbType.Date, NpgsqlDbType.Text,
                    NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz),
                Command("""
                    INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount", "Memo") VALUES ($1, $2, $3, $4, NULL), ($1, $5, $3, $6, NULL)
                    """, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Bigint, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint),
                Balance(">="),
                Balance("<="),
                AddToDay(),
                AddToDay(),
                CountDay(),
                CountDay(),
                Command("""
                    INSERT INTO "AuditEvents" ("At", "UserId", "BookId", "Action", "EntityType", "EntityId", "Details")
                    VALUES ($1, $2, $3, 'transaction.posted', 'Transaction', $4, $5)
                    """, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text),
            },
        };
        owned.Add(batch);
        await batch.PrepareAsync();

        var book = bench.Books[writer];
        var user = bench.Actor.UserId;
        var random = new Random(writer + 1);
        var date = DateOnly.FromDateTime(DateTime.UtcNow);
        var hash = new string('0', 64);
        var slot = DailyActivity.SlotOf(book.Id);
        return async i =>
        {
            var (from, to) = WriteBenchmark.Pick(random, book.Accounts);
            var amount = random.NextInt64(1, 100_000);
            var id = Guid.CreateVersion7();
            var at = DateTime.UtcNow;
            await using var tx = await connection.BeginTransactionAsync();
            countBook.Parameters[0].Value = book.Id;
            var number = (long)(await countBook.ExecuteScalarAsync())!;
            Set(batch.BatchCommands[0], id, book.Id, number, date, $"k{i}", hash, user, at);
            Set(batch.BatchCommands[1], id, to, date, amount, from, -amount);
            Set(batch.BatchCommands[2], -amount, from, long.MinValue + amount);
            Set(batch.BatchCommands[3], amount, to, long.MaxValue - amount);
            Set(batch.BatchCommands[4], from, date, book.Id, -amount);
            Set(batch.BatchCommands[5], to, date, book.Id, amount);
            Set(batch.BatchCommands[6], DateOnly.FromDateTime(at), DailyActivity.AllCurrencies, slot, 0L);
            Set(batch.BatchCommands[7], DateOnly.FromDateTime(at), "USD", slot, amount);
            Set(batch.BatchCommands[8], at, user, book.Id, id.ToString(), $$"""{"Date":"{{date:O}}","Postings":2,"IdempotencyKey":"k{{i}}"}""");
            var affected = await batch.ExecuteNonQueryAsync();
            // The transaction, two postings, two balances, two account days, two activity counters and the audit event.
            if (affected != 10)
            {
                throw new InvalidOperationException($"The raw post wrote {affected} rows.");
            }
            await tx.CommitAsync();
        };
    }

    private static NpgsqlBatchCommand Balance(string guard) => Command($"""
        UPDATE "Accounts" SET "Balance" = "Balance" + $1 WHERE "Id" = $2 AND "Balance" {guard} $3
        """, NpgsqlDbType.Bigint, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint);

    private static NpgsqlBatchCommand AddToDay() => Command("""
        INSERT INTO "AccountDays" ("AccountId", "Date", "BookId", "Amount") VALUES ($1, $2, $3, $4)
        ON CONFLICT ("AccountId", "Date") DO UPDATE SET "Amount" = "AccountDays"."Amount" + excluded."Amount"
        """, NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Uuid, NpgsqlDbType.Bigint);

    private static NpgsqlBatchCommand CountDay() => Command("""
        INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume") VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT ("Day", "Currency", "Slot") DO UPDATE SET "Transactions" = "DailyActivity"."Transactions" + 1, "Volume" = "DailyActivity"."Volume" + excluded."Volume"
        """, NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Bigint);

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlDbType[] types)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var type in types)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }
        return command;
    }

    private static void Set(NpgsqlBatchCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
