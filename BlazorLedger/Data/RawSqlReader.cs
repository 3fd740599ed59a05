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
}
