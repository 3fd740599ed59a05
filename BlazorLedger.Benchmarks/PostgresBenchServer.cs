using System.Diagnostics;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// The PostgreSQL server the benchmarks run on: the one named by <c>LEDGER_BENCH_POSTGRES</c> (a connection string whose
/// user may create databases), else a throwaway one started with <c>scripts/postgres.sh</c> with its durable defaults and
/// stopped at the end. Each benchmark database is a copy of a template migrated once with the real migrations.
/// </summary>
internal sealed class PostgresBenchServer : IAsyncDisposable
{
    public const string Variable = "LEDGER_BENCH_POSTGRES";

    private readonly string? ownDirectory;
    private string? template;

    private PostgresBenchServer(string adminConnectionString, string? ownDirectory)
    {
        AdminConnectionString = adminConnectionString;
        this.ownDirectory = ownDirectory;
    }

    public string AdminConnectionString { get; }

    /// <summary>The server's version and the settings that decide what a commit costs, e.g. "fsync on, synchronous_commit on".</summary>
    public string Description { get; private set; } = "";

    /// <summary>Whether a commit waits for its WAL to reach the disk, as the write targets require.</summary>
    public bool Durable { get; private set; }

    /// <summary>The server to use, or null when <c>LEDGER_BENCH_POSTGRES=0</c> switches PostgreSQL off.</summary>
    public static async Task<PostgresBenchServer?> StartOrFindAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (configured == "0")
        {
            return null;
        }
        PostgresBenchServer server;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            server = new PostgresBenchServer(configured, null);
        }
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), $"blazorledger-bench-postgres-{Environment.ProcessId}");
            server = new PostgresBenchServer(Script("start", directory), directory);
        }
        await server.DescribeAsync();
        return server;
    }

    /// <summary>A new database with the ledger's schema; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (template is null)
        {
            var name = $"ledger_bench_template_{Guid.NewGuid():N}";
            await ExecuteAsync($"CREATE DATABASE {name}");
            var connectionString = With(name);
            await using (var db = new LedgerDbContext(LedgerDbContext.StandaloneOptions(o => o.UseNpgsql(connectionString))))
            {
                await db.Database.MigrateAsync();
            }
            // A database can only be copied while nobody is connected to it.
            ClearPool(connectionString);
            template = name;
        }
        var database = $"ledger_bench_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {database} TEMPLATE {template}");
        return With(database);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        ClearPool(connectionString);
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    public async ValueTask DisposeAsync()
    {
        if (template is not null)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {template} WITH (FORCE)");
        }
        NpgsqlConnection.ClearAllPools();
        if (ownDirectory is not null)
        {
            Script("stop", ownDirectory);
        }
    }

    private async Task DescribeAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (version, fsync, synchronousCommit) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        Durable = fsync == "on" && synchronousCommit is "on" or "remote_write" or "remote_apply";
        Description = $"PostgreSQL {version.Split(' ')[0]}, fsync {fsync}, synchronous_commit {synchronousCommit}";
    }

    private string With(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <c>scripts/postgres.sh</c> and returns what it printed (for start, the connection string).</summary>
    private static string Script(string verb, string directory)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BlazorLedger.sln")))
        {
            root = root.Parent;
        }
        var script = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository root was not found."),
            "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash", [script, verb, directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Commits must be durable for the write figures to mean anything: no options inherited from a test setup.
        start.Environment.Remove("LEDGER_POSTGRES_OPTIONS");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/postgres.sh {verb} failed ({process.ExitCode}): {errors.Result}. Set {Variable} to a connection string, or to 0 to skip PostgreSQL.");
        }
        return output;
    }
}
