namespace BlazorLedger.Benchmarks;

internal sealed record BenchmarkOptions(int Transfers, int Rounds, int Small, int Large, int Writers, int Rows, int Requests, string Only, IReadOnlySet<string> Parts, string Directory)
{
    public bool RunsSqlite => Only is "" or "sqlite";

    public bool RunsPostgres => Only is "" or "postgres";

    public static readonly string[] AllParts = ["writes", "reads", "reports", "import", "batch", "concurrent", "http", "browser"];

    public bool Runs(string part) => Parts.Contains(part);

    public static BenchmarkOptions Parse(string[] args)
    {
        string? Text(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
        int Get(string name, int fallback) => int.TryParse(Text(name), out var value) ? value : fallback;
        var only = Text("--only")?.ToLowerInvariant() ?? "";
        if (only is not ("" or "sqlite" or "postgres"))
        {
            throw new ArgumentException($"--only takes sqlite or postgres, not {only}.");
        }
        var parts = (Text("--part") ?? string.Join(',', AllParts)).ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Except(AllParts).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--part takes {string.Join(", ", AllParts)} (comma-separated), not {unknown}.");
        }
        var directory = Path.Combine(Path.GetTempPath(), "blazorledger-bench-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(directory);
        return new BenchmarkOptions(Get("--transfers", 3000), Get("--rounds", 3), Get("--small", 10_000), Get("--large", 1_000_000),
            Math.Max(2, Get("--writers", 16)), Get("--rows", 100_000), Math.Max(16, Get("--requests", 1_600)), only, parts.ToHashSet(), directory);
    }
}
