using BlazorLedger.Benchmarks;
using BlazorLedger.Data;

// Run on demand: dotnet run -c Release --project BlazorLedger.Benchmarks [-- --transfers 5000 --rounds 3 --large 1000000]
// PostgreSQL: the server in LEDGER_BENCH_POSTGRES (a connection string), else a throwaway one from scripts/postgres.sh;
// LEDGER_BENCH_POSTGRES=0 or --only sqlite skips it, --only postgres skips SQLite. --part writes,reads,import,batch,concurrent
// runs some parts only; --rows sets the imported statement's length, --writers the concurrent writers. --part http,browser
// starts the real app on 127.0.0.1 with --large postings loaded and times its API (--requests per run) and its pages in Chromium.
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"BlazorLedger benchmarks: {options.Transfers} transfers x {options.Rounds} rounds per measurement, " +
    $"reads at {options.Small:N0} and {options.Large:N0} postings. Machine: {Environment.ProcessorCount} cores.");
if (options.RunsSqlite)
{
    Console.WriteLine();
    Console.WriteLine("SQLite");
    Task<BenchDatabase> Sqlite(int books) => BenchDatabase.CreateSqliteAsync(options.Directory, SqliteDurability.Full, books);
    if (options.Runs("writes"))
    {
        await WriteBenchmark.RunAsync(options);
        Console.WriteLine();
    }
    if (options.Runs("reads"))
    {
        await ReadBenchmark.RunAsync(options);
        Console.WriteLine();
    }
    if (options.Runs("reports"))
    {
        await ReportBenchmark.RunAsync(options);
        Console.WriteLine();
    }
    if (options.Runs("import"))
    {
        await ImportBenchmark.RunAsync(options, () => Sqlite(1));
        Console.WriteLine();
    }
    if (options.Runs("batch"))
    {
        await BatchBenchmark.RunAsync(options, () => Sqlite(1));
        Console.WriteLine();
    }
    if (options.Runs("concurrent"))
    {
        await ConcurrentWriteBenchmark.RunAsync(options, Sqlite);
        Console.WriteLine();
    }
    if (options.Runs("http") || options.Runs("browser"))
    {
        var loading = System.Diagnostics.Stopwatch.StartNew();
        await using var app = await BenchApp.StartAsync(options.Directory, options.Large);
        Console.WriteLine($"The app on {app.BaseAddress}, {options.Large:N0} postings loaded in {loading.Elapsed.TotalSeconds:N0} s");
        Console.WriteLine();
        if (options.Runs("http"))
        {
            await HttpBenchmark.RunAsync(options, app);
            Console.WriteLine();
        }
        if (options.Runs("browser"))
        {
            await BrowserBenchmark.RunAsync(app);
            Console.WriteLine();
        }
    }
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
    if (options.Runs("writes"))
    {
        await PostgresWriteBenchmark.RunAsync(options, server);
        Console.WriteLine();
    }
    if (options.Runs("reads"))
    {
        await PostgresReadBenchmark.RunAsync(options, server);
        Console.WriteLine();
    }
    if (options.Runs("import"))
    {
        await ImportBenchmark.RunAsync(options, () => BenchDatabase.CreatePostgresAsync(server));
        Console.WriteLine();
    }
    if (options.Runs("batch"))
    {
        await BatchBenchmark.RunAsync(options, () => BenchDatabase.CreatePostgresAsync(server));
        Console.WriteLine();
    }
    if (options.Runs("concurrent"))
    {
        await ConcurrentWriteBenchmark.RunAsync(options, books => BenchDatabase.CreatePostgresAsync(server, books));
    }
}
