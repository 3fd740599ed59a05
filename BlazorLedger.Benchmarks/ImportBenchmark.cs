using System.Diagnostics;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// A bank statement imported end to end, as the import page does it: the file read and fingerprinted, a transaction made
/// per row (the statement's account against one other), and all of them posted by one <see cref="PostingService.PostManyAsync"/>
/// with the rows' fingerprints; then the same file imported again, which finds every row already imported and writes nothing.
/// Each round on a fresh database.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options, Func<Task<BenchDatabase>> create)
    {
        var file = BankStatement.Csv(options.Rows);
        Console.WriteLine($"Import: a {options.Rows:N0}-row bank CSV ({file.Length / 1024:N0} KiB), median of {options.Rounds} rounds, each on a fresh database");
        foreach (var seed in new[] { 11, 12 })
        {
            // Untimed: the code paths jitted and the queries compiled, as in a server that has been running.
            await using var warm = await create();
            var small = BankStatement.Csv(2_000, seed: seed);
            await ImportAsync(warm, small, expectCreated: 2_000);
            await ImportAsync(warm, small, expectCreated: 0);
        }
        // Lets the runtime finish optimising the code the warm-up ran hot, as it has in a server that has been up a while.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var first = new List<Phases>();
        var again = new List<Phases>();
        for (var round = 0; round < options.Rounds; round++)
        {
            await using var bench = await create();
            first.Add(await ImportAsync(bench, file, expectCreated: options.Rows));
            again.Add(await ImportAsync(bench, file, expectCreated: 0));
        }
        var (once, twice) = (Median(first), Median(again));
        Console.WriteLine($"{"",-10}{"read file",12}{"build",12}{"post",12}{"total",12}{"tx/s",12}{"cpu",12}");
        Console.WriteLine($"{"import",-10}{Ms(once.Read)}{Ms(once.Build)}{Ms(once.Post)}{Ms(once.Total)}{options.Rows / once.Total.TotalSeconds,12:N0}{Ms(once.Cpu)}");
        Console.WriteLine($"{"again",-10}{Ms(twice.Read)}{Ms(twice.Build)}{Ms(twice.Post)}{Ms(twice.Total)}{"(none new)",12}{Ms(twice.Cpu)}");
        Console.WriteLine($"Import at {options.Rows / once.Total.TotalSeconds / 10_000:N2}x the target of 10,000 tx/s; importing it again takes " +
            $"{twice.Total / once.Total:N2}x the first import's time.");
    }

    /// <summary>The wall-clock time of each step, and the processor time the process spent meanwhile (on every thread).</summary>
    private sealed record Phases(TimeSpan Read, TimeSpan Build, TimeSpan Post, TimeSpan Cpu)
    {
        public TimeSpan Total => Read + Build + Post;
    }

    private static Phases Median(List<Phases> runs) => runs.OrderBy(r => r.Total).ElementAt(runs.Count / 2);

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds,9:N0} ms";

    private static async Task<Phases> ImportAsync(BenchDatabase bench, byte[] file, int expectCreated)
    {
        var (statementAccount, other) = (bench.Accounts[0], bench.Accounts[1]);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var statement = StatementReader.Read(file, new StatementAccount(statementAccount, "USD"), mapping: null);
        if (!statement.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", statement.Errors.Take(3).Select(e => $"{e.Line}: {e.Message}")));
        }
        var read = watch.Elapsed;

        watch.Restart();
        var transactions = new List<PostTransaction>(statement.Rows.Count);
        var fingerprints = new List<string>(statement.Rows.Count);
        foreach (var row in statement.Rows)
        {
            transactions.Add(new PostTransaction(bench.BookId, row.Date, row.Description, row.Payee,
                [new PostingLine(statementAccount, row.Amount, row.Memo), new PostingLine(other, -row.Amount)]));
            fingerprints.Add(row.Fingerprint);
        }
        var command = new PostMany(bench.BookId, transactions, new StatementImport(statementAccount, "statement.csv", "csv", fingerprints));
        var build = watch.Elapsed;

        watch.Restart();
        var result = await bench.Postings.PostManyAsync(bench.Actor, command);
        var post = watch.Elapsed;
        if (!result.Succeeded || result.Value!.Created != expectCreated)
        {
            throw new InvalidOperationException(result.Message ?? $"{result.Value!.Created} created, {expectCreated} expected.");
        }
        return new Phases(read, build, post, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
