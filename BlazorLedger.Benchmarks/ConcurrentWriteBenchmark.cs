using System.Diagnostics;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// Single posts through the service by one writer and by many writers at once, each on its own book or all on one book,
/// at full durability: how far concurrent posts share the cost of a durable commit. Every run is on a fresh database; within
/// a round the runs alternate, so all see the same machine noise, and their order turns by one from round to round. Each
/// shape runs with group commit (the default) and with it switched off, when every post is written in a transaction of its
/// own.
/// </summary>
internal static class ConcurrentWriteBenchmark
{
    private const int Warmup = 10;

    public static async Task RunAsync(BenchmarkOptions options, Func<int, Task<BenchDatabase>> create)
    {
        Console.WriteLine($"Concurrent single posts: {options.Transfers} transfers per run shared by the writers, median of {options.Rounds} rounds each");
        var shapes = new (string Name, int Writers, bool OwnBooks)[]
        {
            ("1 writer", 1, true), ($"{options.Writers} writers, own books", options.Writers, true), ($"{options.Writers} writers, one book", options.Writers, false),
        };
        var rates = shapes.SelectMany(s => new[] { (s.Name, true), (s.Name, false) }).ToDictionary(k => k, _ => new List<double>());
        foreach (var grouped in new[] { false, true })
        {
            // Untimed, so that the first measured run does not pay for starting up.
            await RateAsync(create, options.Writers, ownBooks: true, grouped, options.Writers * Warmup);
        }
        var runs = shapes.SelectMany(s => new[] { (Shape: s, Grouped: false), (Shape: s, Grouped: true) }).ToList();
        for (var round = 0; round < options.Rounds; round++)
        {
            // Each round starts one run further on, so that no run is always the first after a fresh start or always the
            // one after the heaviest.
            for (var i = 0; i < runs.Count; i++)
            {
                var ((name, writers, ownBooks), grouped) = runs[(round + i) % runs.Count];
                rates[(name, grouped)].Add(await RateAsync(create, writers, ownBooks, grouped, options.Transfers));
            }
        }
        // Ratios are the median of each round's own, so that a slow spell of the machine's disk weighs on both sides of one.
        var one = rates[(shapes[0].Name, false)];
        double Ratio(List<double> of, List<double> to) => Median(of.Zip(to, (a, b) => a / b).ToList());
        Console.WriteLine($"{"writers",-26}{"alone tx/s",12}{"vs 1",8}{"grouped tx/s",14}{"vs 1",8}{"grouped/alone",15}");
        foreach (var (name, _, _) in shapes)
        {
            var (off, on) = (rates[(name, false)], rates[(name, true)]);
            Console.WriteLine($"{name,-26}{Median(off),12:N0}{Ratio(off, one),7:N2}x{Median(on),14:N0}{Ratio(on, one),7:N2}x{Ratio(on, off),14:N2}x");
        }
        Console.WriteLine($"(\"vs 1\" is against one writer without group commit in the same round; one writer with it: {Ratio(rates[(shapes[0].Name, true)], one):N2}x)");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<double> RateAsync(Func<int, Task<BenchDatabase>> create, int writers, bool ownBooks, bool grouped, int transfers)
    {
        await using var bench = await create(ownBooks ? writers : 1);
        bench.Services.GetRequiredService<PostingQueue>().Enabled = grouped;
        var postings = bench.Postings;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task WriteAsync(int writer, int from, int count)
        {
            var book = bench.Books[ownBooks ? writer : 0];
            var random = new Random(writer + 1);
            for (var i = from; i < from + count; i++)
            {
                var (debit, credit) = WriteBenchmark.Pick(random, book.Accounts);
                var amount = random.NextInt64(1, 100_000);
                var result = await postings.PostAsync(bench.Actor, new PostTransaction(book.Id, today, "Transfer", null,
                    [new PostingLine(credit, amount), new PostingLine(debit, -amount)], $"w{writer}-{i}"));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Message);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w, -Warmup, Warmup))));
        var perWriter = transfers / writers;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w, 0, perWriter))));
        return perWriter * writers / watch.Elapsed.TotalSeconds;
    }
}
