using BlazorLedger.Benchmarks;

// Run on demand: dotnet run -c Release --project BlazorLedger.Benchmarks [-- --transfers 5000 --rounds 3 --large 1000000]
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"BlazorLedger benchmarks: {options.Transfers} transfers x {options.Rounds} rounds per writer, " +
    $"reads at {options.Small:N0} and {options.Large:N0} postings. Machine: {Environment.ProcessorCount} cores.");
Console.WriteLine();
await WriteBenchmark.RunAsync(options);
Console.WriteLine();
await ReadBenchmark.RunAsync(options);
