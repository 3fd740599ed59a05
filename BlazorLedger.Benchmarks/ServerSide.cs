using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// What PostgreSQL itself spends on the commands a call sent, and how it runs them: EXPLAIN ANALYZE of each recorded
/// command, with its own parameters. Per-node timing is off, so the figures carry no instrumentation overhead.
/// </summary>
internal static class ServerSide
{
    /// <summary>Planning plus execution time of every command, summed, as the server reports them.</summary>
    public static async Task<TimeSpan> TimeAsync(NpgsqlConnection connection, IReadOnlyList<RecordedCommand> commands)
    {
        var milliseconds = 0.0;
        foreach (var command in commands)
        {
            var result = await ExplainAsync(connection, command);
            milliseconds += result.GetProperty("Planning Time").GetDouble() + result.GetProperty("Execution Time").GetDouble();
        }
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The plan of the command that reads <paramref name="table"/>, as EXPLAIN (ANALYZE, FORMAT JSON) gives it.</summary>
    public static async Task<JsonElement> PlanAsync(NpgsqlConnection connection, IReadOnlyList<RecordedCommand> commands, string table) =>
        (await ExplainAsync(connection, commands.Single(c => c.Sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal)
            && c.Sql.Contains("LIMIT", StringComparison.Ordinal)))).GetProperty("Plan");

    /// <summary>
    /// Whether <paramref name="plan"/> is a keyset read: <paramref name="table"/> read through <paramref name="index"/>, nothing
    /// sorted, and at most <paramref name="maxRows"/> rows read (the page, and what the scan filters out on the cursor's
    /// date), however large the table; and a one-line account of it: scan, condition, rows read.
    /// </summary>
    public static (bool Keyset, string Summary) Keyset(JsonElement plan, string table, string index, int maxRows)
    {
        var nodes = Flatten(plan).ToList();
        var sorts = nodes.Count(n => n.GetProperty("Node Type").GetString() is "Sort" or "Incremental Sort");
        var scans = nodes.Where(n => n.TryGetProperty("Relation Name", out var name) && name.GetString() == table).ToList();
        var summary = new StringBuilder();
        foreach (var scan in scans)
        {
            var type = scan.GetProperty("Node Type").GetString();
            var direction = scan.TryGetProperty("Scan Direction", out var d) && d.GetString() == "Backward" ? " Backward" : "";
            var via = scan.TryGetProperty("Index Name", out var i) ? $" using {i.GetString()}" : "";
            var condition = scan.TryGetProperty("Index Cond", out var c) ? $" ({c.GetString()})" : "";
            summary.Append(CultureInfo.InvariantCulture, $"{type}{direction} on {table}{via}{condition}, {RowsRead(scan):N0} rows read; ");
        }
        summary.Append(sorts == 0 ? "no sort" : $"{sorts} sort(s)");
        var keyset = sorts == 0 && scans.Count > 0
            && scans.All(s => s.TryGetProperty("Index Name", out var name) && name.GetString() == index && RowsRead(s) <= maxRows);
        return (keyset, summary.ToString());
    }

    /// <summary>Rows the scan fetched: those it returned and those its filter threw away, over all its loops.</summary>
    private static double RowsRead(JsonElement scan) =>
        (scan.GetProperty("Actual Rows").GetDouble() + (scan.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetDouble() : 0))
        * scan.GetProperty("Actual Loops").GetDouble();

    private static IEnumerable<JsonElement> Flatten(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Flatten))
            {
                yield return child;
            }
        }
    }

    private static async Task<JsonElement> ExplainAsync(NpgsqlConnection connection, RecordedCommand recorded)
    {
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + recorded.Sql, connection);
        foreach (var parameter in recorded.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
        var json = (string)(await command.ExecuteScalarAsync())!;
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].Clone();
    }
}
