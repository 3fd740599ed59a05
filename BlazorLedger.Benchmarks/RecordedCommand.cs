using Npgsql;

namespace BlazorLedger.Benchmarks;

/// <summary>A command the app sent, as sent: its SQL and its parameters.</summary>
internal sealed record RecordedCommand(string Sql, NpgsqlParameter[] Parameters);
