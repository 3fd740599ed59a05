using System.Diagnostics;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// The same 1,000 transfers posted as one <see cref="PostingService.PostManyAsync"/> call (what one request to the batch
/// endpoint does) and as 1,000 <see cref="PostingService.PostAsync"/> calls, alternating on fresh databases.
/// </summary>
internal static class BatchBenchmark
{
    private const int Size = 1_000;

    public static async Task RunAsync(BenchmarkOptions options, Func<Task<BenchDatabase>> create)
    {
        Console.WriteLine($"Batch: {Size:N0} transfers in one batch against {Size:N0} single posts, median of {options.Rounds} rounds each");
        var batch = new List<TimeSpan>();
        var single = new List<TimeSpan>();
        for (var round = 0; round < options.Rounds; round++)
        {
            await using (var bench = await create())
            {
                var rows = Transfers(bench);
                var watch = Stopwatch.StartNew();
                var result = await bench.Postings.PostManyAsync(bench.Actor, new PostMany(bench.BookId, rows));
                batch.Add(watch.Elapsed);
                Check(result.Succeeded && result.Value!.Created == Size, result.Message);
            }
            await using (var bench = await create())
            {
                var rows = Transfers(bench);
                var watch = Stopwatch.StartNew();
                foreach (var row in rows)
                {
                    var result = await bench.Postings.PostAsync(bench.Actor, row);
                    Check(result.Succeeded, result.Message);
                }
                single.Add(watch.Elapsed);
            }
        }
        var (one, many) = (batch.Order().ElementAt(batch.Count / 2), single.Order().ElementAt(single.Count / 2));
        Console.WriteLine($"one batch {one.TotalMilliseconds,9:N0} ms ({Size / one.TotalSeconds:N0} tx/s)   " +
            $"single posts {many.TotalMilliseconds,9:N0} ms ({Size / many.TotalSeconds:N0} tx/s)   batch {many / one:N1}x faster");
    }

    private static List<PostTransaction> Transfers(BenchDatabase bench)
    {
        var random = new Random(3);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return Enumerable.Range(0, Size).Select(i =>
        {
            var (from, to) = WriteBenchmark.Pick(random, bench.Accounts);
            var amount = random.NextInt64(1, 100_000);
            return new PostTransaction(bench.BookId, today, "Transfer", null, [new PostingLine(to, amount), new PostingLine(from, -amount)], $"k{i}");
        }).ToList();
    }

    private static void Check(bool succeeded, string? message)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException(message);
        }
    }
}
