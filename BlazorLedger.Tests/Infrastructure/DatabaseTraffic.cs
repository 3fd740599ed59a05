using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// Counts, per database, the commands EF runs and the rows it reads, from EF's own diagnostic events: proof that an
/// operation is bounded without timing it. A database is known by its connections' connection string (every test's is its
/// own), since each context opens a connection of its own. EF caches "nobody listens" per context for a moment, so create
/// the ledger after this.
/// </summary>
public sealed class DatabaseTraffic : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, long> rows = new();
    private readonly ConcurrentDictionary<string, long> commands = new();
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable allListeners;

    public DatabaseTraffic() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Rows read from the database that <paramref name="connection"/> opens.</summary>
    public long RowsOn(DbConnection connection) => rows.GetValueOrDefault(connection.ConnectionString);

    /// <summary>Commands run on the database that <paramref name="connection"/> opens.</summary>
    public long CommandsOn(DbConnection connection) => commands.GetValueOrDefault(connection.ConnectionString);

    public void Reset(DbConnection connection)
    {
        rows[connection.ConnectionString] = 0;
        commands[connection.ConnectionString] = 0;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, name =>
                    name == RelationalEventId.DataReaderDisposing.Name || name == RelationalEventId.CommandExecuting.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case DataReaderDisposingEventData { Command.Connection: { } connection } data:
                rows.AddOrUpdate(connection.ConnectionString, data.ReadCount, (_, count) => count + data.ReadCount);
                break;
            case CommandEventData { Command.Connection: { } connection }:
                commands.AddOrUpdate(connection.ConnectionString, 1, (_, count) => count + 1);
                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
