using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Data;

public static class RawSqlReader
{
    /// <summary>
    /// Runs SQL that may hold several statements, each with its own result set, in one round trip, and returns the reader
    /// (move between result sets with NextResult). Like ExecuteSqlRaw, it goes through EF: <c>{0}</c> placeholders become
    /// parameters mapped as EF maps them, on the context's connection and transaction, with EF's logging and interceptors.
    /// </summary>
    public static Task<RelationalDataReader> ExecuteReaderRawAsync(this DatabaseFacade database, string sql,
        IEnumerable<object> parameters, CancellationToken ct)
    {
        var context = database.GetService<ICurrentDbContext>().Context;
        var command = database.GetService<IRawSqlCommandBuilder>().Build(sql, parameters, context.Model);
        return command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            database.GetService<IRelationalConnection>(), command.ParameterValues, readerColumns: null, context,
            database.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery), ct);
    }

    /// <summary>Appends <c>{n}, {n+1}, …</c> for <paramref name="values"/>, for an <c>IN (…)</c> list, and adds them as parameters.</summary>
    public static StringBuilder AppendParameterList<T>(this StringBuilder sql, List<object> parameters, IEnumerable<T> values)
        where T : notnull
    {
        var first = true;
        foreach (var value in values)
        {
            sql.Append(first ? "" : ", ").Append('{').Append(parameters.Count).Append('}');
            parameters.Add(value);
            first = false;
        }
        return sql;
    }
}
