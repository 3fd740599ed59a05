using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// Counts, per connection, the commands EF runs and the rows it reads, from EF's own diagnostic events: proof that an
/// operation is bounded without timing it. EF caches "nobody listens" per context for a moment, so create the ledger after this.
/// </summary>
public sealed class DatabaseTraffic : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<DbConnection, long> rows = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<DbConnection, long> commands = new(ReferenceEqualityComparer.Instance);
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable allListeners;

    public DatabaseTraffic() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public long RowsOn(DbConnection connection) => rows.GetValueOrDefault(connection);

    public long CommandsOn(DbConnection connection) => commands.GetValueOrDefault(connection);

    public void Reset(DbConnection connection)
    {
        rows[connection] = 0;
        commands[connection] = 0;
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
                rows.AddOrUpdate(connection, data.ReadCount, (_, count) => count + data.ReadCount);
                break;
            case CommandEventData { Command.Connection: { } connection }:
                commands.AddOrUpdate(connection, 1, (_, count) => count + 1);
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
