namespace BlazorLedger.Benchmarks;

internal sealed record BenchmarkOptions(int Transfers, int Rounds, int Small, int Large, int Writers, string Only, string Directory)
{
    public bool RunsSqlite => Only is "" or "sqlite";

    public bool RunsPostgres => Only is "" or "postgres";

    /// <summary>--only reports: the report benchmark alone.</summary>
    public bool RunsReportsOnly => Only is "reports";

    public static BenchmarkOptions Parse(string[] args)
    {
        string? Text(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
        int Get(string name, int fallback) => int.TryParse(Text(name), out var value) ? value : fallback;
        var only = Text("--only")?.ToLowerInvariant() ?? "";
        if (only is not ("" or "sqlite" or "postgres" or "reports"))
        {
            throw new ArgumentException($"--only takes sqlite, postgres or reports, not {only}.");
        }
        var directory = Path.Combine(Path.GetTempPath(), "blazorledger-bench-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(directory);
        return new BenchmarkOptions(Get("--transfers", 3000), Get("--rounds", 3), Get("--small", 10_000), Get("--large", 1_000_000),
            Math.Max(2, Get("--writers", 16)), only, directory);
    }
}
