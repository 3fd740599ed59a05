using Npgsql;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// PostgreSQL's recipe for populating tables fast: their foreign keys and secondary indexes are set aside while rows are
/// copied in, then rebuilt in one pass each (the keys checked again as they are added). What is rebuilt is read from the
/// catalog first, so the tables end exactly as the migrations made them. Run inside the load's transaction.
/// </summary>
internal static class BulkLoad
{
    public static async Task IntoAsync(NpgsqlConnection connection, string[] tables, Func<Task> copy)
    {
        var names = tables.Select(t => $"'\"{t}\"'::regclass").ToList();
        var foreignKeys = await ReadAsync(connection, $"""
            SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)),
                   format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname)
            FROM pg_constraint WHERE contype = 'f' AND (conrelid IN ({string.Join(", ", names)}) OR confrelid IN ({string.Join(", ", names)}))
            """);
        // Indexes behind constraints (the primary keys) stay: the foreign keys are checked against them when added again.
        var indexes = await ReadAsync(connection, $"""
            SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass)
            FROM pg_index AS i WHERE i.indrelid IN ({string.Join(", ", names)})
            AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
            """);

        await ExecuteAsync(connection, foreignKeys.Select(k => k.Drop).Concat(indexes.Select(i => i.Drop)));
        await copy();
        await ExecuteAsync(connection, ["SET LOCAL maintenance_work_mem = '256MB'", .. indexes.Select(i => i.Create), .. foreignKeys.Select(k => k.Create)]);
    }

    private static async Task<List<(string Create, string Drop)>> ReadAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, IEnumerable<string> statements)
    {
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
