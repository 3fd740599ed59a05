namespace BlazorLedger.Benchmarks;

/// <summary>A book of the benchmark's database and its ten accounts.</summary>
internal sealed record BenchBook(Guid Id, Guid[] Accounts);
