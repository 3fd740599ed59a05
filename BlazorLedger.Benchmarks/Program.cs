using BlazorLedger.Benchmarks;

// Run on demand: dotnet run -c Release --project BlazorLedger.Benchmarks [-- --transfers 5000 --rounds 3 --large 1000000]
// PostgreSQL: the server in LEDGER_BENCH_POSTGRES (a connection string), else a throwaway one from scripts/postgres.sh;
// LEDGER_BENCH_POSTGRES=0 or --only sqlite skips it, --only postgres skips SQLite.
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"BlazorLedger benchmarks: {options.Transfers} transfers x {options.Rounds} rounds per measurement, " +
    $"reads at {options.Small:N0} and {options.Large:N0} postings. Machine: {Environment.ProcessorCount} cores.");
if (options.RunsReportsOnly)
{
    Console.WriteLine();
    await ReportBenchmark.RunAsync(options);
}
if (options.RunsSqlite)
{
    Console.WriteLine();
    Console.WriteLine("SQLite");
    await WriteBenchmark.RunAsync(options);
    Console.WriteLine();
    await ReadBenchmark.RunAsync(options);
    Console.WriteLine();
    await ReportBenchmark.RunAsync(options);
}
if (options.RunsPostgres)
{
    await using var server = await PostgresBenchServer.StartOrFindAsync();
    Console.WriteLine();
    if (server is null)
    {
        Console.WriteLine($"PostgreSQL skipped: {PostgresBenchServer.Variable}=0.");
        return;
    }
    Console.WriteLine(server.Description);
    await PostgresWriteBenchmark.RunAsync(options, server);
    Console.WriteLine();
    await PostgresReadBenchmark.RunAsync(options, server);
}
