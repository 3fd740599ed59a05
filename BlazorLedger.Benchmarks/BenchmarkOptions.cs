namespace BlazorLedger.Benchmarks;

internal sealed record BenchmarkOptions(int Transfers, int Rounds, int Small, int Large, string Directory)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
        }
        var directory = Path.Combine(Path.GetTempPath(), "blazorledger-bench-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(directory);
        return new BenchmarkOptions(Get("--transfers", 3000), Get("--rounds", 3), Get("--small", 10_000), Get("--large", 1_000_000), directory);
    }
}
