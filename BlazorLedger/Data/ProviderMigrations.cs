using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorLedger.Data;

/// <summary>
/// The migrations of the provider the context runs on. Each provider has its own set (SQL types, identity columns and
/// defaults differ), kept in its own namespace of this assembly: <c>BlazorLedger.Data.Migrations.Sqlite</c> and
/// <c>BlazorLedger.Data.Migrations.Postgres</c>. EF's own lookup would take every migration of the context at once.
/// </summary>
internal sealed class ProviderMigrations(ICurrentDbContext currentContext) : IMigrationsAssembly
{
    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? snapshot;

    public Assembly Assembly => typeof(LedgerDbContext).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= FindMigrations();

    public ModelSnapshot? ModelSnapshot => snapshot ??= Types<ModelSnapshot>()
        .Select(type => (ModelSnapshot?)Activator.CreateInstance(type.AsType())).SingleOrDefault();

    public static string NamespaceOf(DatabaseProvider provider) => $"{typeof(ProviderMigrations).Namespace}.Migrations.{provider}";

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id =>
        string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    public void AddMigrations(Assembly additionalMigrationsAssembly) =>
        throw new NotSupportedException("The ledger's migrations all live in its own assembly.");

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in Types<Migration>())
        {
            if (type.GetCustomAttribute<MigrationAttribute>() is { } attribute)
            {
                found.Add(attribute.Id, type);
            }
        }
        return found;
    }

    private IEnumerable<TypeInfo> Types<TBase>()
    {
        var context = currentContext.Context;
        var ns = NamespaceOf(context.Database.ProviderOf());
        return Assembly.DefinedTypes.Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(TBase)) && t.Namespace == ns
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context.GetType());
    }
}
