using System.Data.Common;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Instances;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BlazorLedger.Data;

public static class DataRegistration
{
    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{TContext}"/> (what services use, one short-lived context per
    /// operation) and a scoped context made from it for ASP.NET Core Identity's stores.
    /// </summary>
    public static IHostApplicationBuilder AddLedgerData(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var configured = builder.Configuration.GetConnectionString("Ledger");
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("BlazorLedger");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Ledger is empty: set it to an Npgsql connection string, "
                    + "e.g. Host=db.example;Database=ledger;Username=ledger;Password=...");
            }
            try
            {
                _ = new NpgsqlConnectionStringBuilder(configured);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException(
                    $"Database:Provider is Postgres but ConnectionStrings:Ledger is not an Npgsql connection string ({ex.Message}).", ex);
            }
            builder.Services.AddLedgerPostgres(configured);
            // Every instance must read the cookies and antiforgery tokens the others issue: the keys live in the database.
            dataProtection.PersistKeysToDbContext<LedgerDbContext>();
            return builder;
        }

        var connectionString = ResolveSqliteConnectionString(configured ?? "Data Source=Data/ledger.db", builder.Environment.ContentRootPath);
        var durability = builder.Configuration.GetValue("Database:Durability", SqliteDurability.Full);
        builder.Services.AddLedgerSqlite(connectionString, durability);

        // Sign-in cookies and antiforgery tokens are protected with keys kept beside the database, so that a restart or a
        // re-created container (with the data folder kept) does not sign everyone out.
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var keys = builder.Configuration["DataProtection:KeysPath"]
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database)) ?? builder.Environment.ContentRootPath, "keys");
        dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(keys));
        return builder;
    }

    /// <summary>
    /// PostgreSQL, which several instances may share: one pool of connections serves EF and the app's own commands
    /// (live updates, circuit counts, rate limits, the start-up lock).
    /// </summary>
    public static IServiceCollection AddLedgerPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(WithAutoPrepare(connectionString)));
        services.AddInstancesOnPostgres();
        return services.AddLedgerDbContext((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()),
            SqliteDurability.Full);
    }

    /// <summary>
    /// Lets Npgsql prepare the statements the app sends over and over (posting's dozen, a register page's three), so that the
    /// server parses and plans each once per connection instead of on every call: it halves the server's work per post. A
    /// connection string that sets Max Auto Prepare keeps its value (0 turns it off, e.g. behind a pooler that cannot keep
    /// prepared statements).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    public static IServiceCollection AddLedgerSqlite(this IServiceCollection services, string connectionString,
        SqliteDurability durability = SqliteDurability.Full) =>
        services.AddSingleInstance().AddLedgerDbContext((_, options) => options.UseSqlite(connectionString), durability);

    private static IServiceCollection AddLedgerDbContext(this IServiceCollection services,
        Action<IServiceProvider, DbContextOptionsBuilder> configure, SqliteDurability durability)
    {
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(LedgerDbContext.ConfigureIdentitySchema);
        var interceptor = new SqliteConnectionSettings(durability);
        services.AddSingleton(interceptor);
        services.AddSingleton<ActivityNotifier>();
        services.AddSingleton<AuditSaveInterceptor>();
        services.AddPooledDbContextFactory<LedgerDbContext>((provider, options) =>
        {
            configure(provider, options);
            options.UseLedgerMigrations();
            options.AddInterceptors(interceptor, provider.GetRequiredService<AuditSaveInterceptor>());
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>Makes a relative SQLite file path relative to the app's content root, and creates its folder.</summary>
    public static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (dataSource.Length > 0 && dataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(dataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
            }
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Writers queue on SQLite's lock rather than fail; the busy timeout below does the waiting.
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Per-connection settings: wait up to 30 s for the write lock instead of failing with "database is locked",
    /// and the chosen durability. (WAL is a property of the database file, set once at start-up.) Applied to every
    /// connection EF opens, and by <see cref="Apply"/> to those the app opens itself.
    /// </summary>
    internal sealed class SqliteConnectionSettings(SqliteDurability durability) : DbConnectionInterceptor
    {
        private readonly string pragmas =
            $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {(durability == SqliteDurability.Full ? "FULL" : "NORMAL")};";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        // Pooled connections reuse the native handle, which keeps its settings: apply them once per handle.
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> configured = [];

        public void Apply(DbConnection connection)
        {
            if (connection is not SqliteConnection { Handle: { } handle } sqlite || configured.TryGetValue(handle, out _))
            {
                return;
            }
            using var command = sqlite.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            configured.AddOrUpdate(handle, handle);
        }
    }
}
