using System.Diagnostics;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>
/// The PostgreSQL server the tests run against, shared by the whole run: the one named by <c>LEDGER_TESTS_POSTGRES</c>
/// (a connection string whose user may create databases; the test script starts one), else a throwaway server started
/// here with <c>scripts/postgres.sh</c> and stopped when the run ends. <c>LEDGER_TESTS_POSTGRES=0</c> skips the
/// PostgreSQL half of the suite, visibly (see <see cref="DbFactAttribute"/>). Each test gets its own database, copied
/// from a template migrated once per run.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "LEDGER_TESTS_POSTGRES";

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable(Variable) == "0"
        ? $"{Variable}=0: the PostgreSQL half of the suite is switched off." : null;

    private static readonly Lazy<string> Server = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? template;

    /// <summary>A connection string to the server's maintenance database.</summary>
    public static string AdminConnectionString => Server.Value;

    /// <summary>A new database with the ledger's schema, made by the real migrations; the caller drops it.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var source = await TemplateAsync();
        var name = $"ledger_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {source}");
        return With(name);
    }

    /// <summary>An empty database (no schema), for tests of migrating; the caller drops it.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"ledger_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        return With(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)");
    }

    private static string With(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (template is null)
            {
                var name = $"ledger_template_{Guid.NewGuid():N}";
                // Text sorts as on the servers people run (a language's collation), not by code point as on a server set up
                // with the C locale, so that an order that holds only by code point fails here instead of by luck there.
                await ExecuteAsync(await SupportsIcuAsync()
                    ? $"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
                    : $"CREATE DATABASE {name}");
                var connectionString = With(name);
                await using (var db = new LedgerDbContext(LedgerDbContext.StandaloneOptions(o => o.UseNpgsql(connectionString))))
                {
                    await db.Database.MigrateAsync();
                }
                // A database can only be copied while nobody is connected to it.
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    NpgsqlConnection.ClearPool(connection);
                }
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                template = name;
            }
            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    /// <summary>Whether databases can take an ICU collation as their default (PostgreSQL 15 and later, built with ICU).</summary>
    private static async Task<bool> SupportsIcuAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version_num')::int >= 150000 AND EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')",
            connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Execute(string sql)
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of the run.
        }
    }

    private static string StartOrFind()
    {
        if (SkipReason is not null)
        {
            throw new InvalidOperationException(SkipReason);
        }
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }
        var directory = Path.Combine(Path.GetTempPath(), $"blazorledger-test-postgres-{Environment.ProcessId}");
        var started = Script("start", directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Script("stop", directory);
        return started;
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
        start.Environment["LEDGER_POSTGRES_OPTIONS"] = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/postgres.sh {verb} failed ({process.ExitCode}): {errors.Result}. Set {Variable} to a connection string, or to 0 to skip the PostgreSQL tests.");
        }
        return output;
    }
}
