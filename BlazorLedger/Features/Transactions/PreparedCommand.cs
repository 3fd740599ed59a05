using System.Data.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// A statement prepared once and run again and again with new values: SQLite's fastest way to write, since the database
/// runs in the process and compiling a statement costs more than running it. Its parameters are <c>@p0</c>, <c>@p1</c>, … in
/// the order of the types given, each made by EF's type mapping for its type, so that values are stored and compared
/// exactly as EF stores them.
/// </summary>
internal sealed class PreparedCommand : IAsyncDisposable, IDisposable
{
    private readonly DbCommand command;
    private readonly ValueConverter?[] converters;

    private PreparedCommand(DbCommand command, ValueConverter?[] converters) => (this.command, this.converters) = (command, converters);

    /// <summary>A statement on <paramref name="connection"/>, prepared now.</summary>
    public static async Task<PreparedCommand> CreateAsync(DbConnection connection, IRelationalTypeMappingSource mappings, string sql,
        IReadOnlyList<Type> parameterTypes, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        var converters = new ValueConverter?[parameterTypes.Count];
        for (var i = 0; i < parameterTypes.Count; i++)
        {
            var mapping = mappings.FindMapping(parameterTypes[i])
                ?? throw new InvalidOperationException($"No type mapping for {parameterTypes[i].Name}.");
            command.Parameters.Add(mapping.CreateParameter(command, $"@p{i}", null, nullable: true));
            converters[i] = mapping.Converter;
        }
#pragma warning disable CA2100 // The SQL is the caller's constant text; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.PrepareAsync(ct);
        return new PreparedCommand(command, converters);
    }

    /// <summary>A single-row INSERT into <paramref name="table"/>, in the context's current transaction, to run row after row.</summary>
    public static async Task<PreparedCommand> InsertAsync(LedgerDbContext db, string table, IReadOnlyList<(string Column, Type Type)> columns,
        CancellationToken ct)
    {
        var sql = $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))});""";
        var prepared = await CreateAsync(db.Database.GetDbConnection(), db.GetService<IRelationalTypeMappingSource>(), sql,
            columns.Select(c => c.Type).ToList(), ct);
        prepared.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return prepared;
    }

    /// <summary>The transaction the statement runs in.</summary>
    public DbTransaction? Transaction
    {
        set => command.Transaction = value;
    }

    /// <summary>Runs the statement with <paramref name="values"/>; the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(CancellationToken ct, params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs the statement with <paramref name="values"/>; the first column of its first row, or null.</summary>
    public async Task<object?> ScalarAsync(CancellationToken ct, params object?[] values)
    {
        Bind(values);
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? value : null;
    }

    /// <summary>Runs the statement with <paramref name="values"/> and reads its rows.</summary>
    public Task<DbDataReader> ReadAsync(CancellationToken ct, params object?[] values)
    {
        Bind(values);
        return command.ExecuteReaderAsync(ct);
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] is { } value ? converters[i]?.ConvertToProvider(value) ?? value : DBNull.Value;
        }
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();

    public void Dispose() => command.Dispose();
}
