using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorLedger.Tests.Infrastructure;

/// <summary>
/// Counts the rows EF reads from the database, per connection, from EF's own diagnostic events: proof that a query is
/// bounded without timing it. EF caches "nobody listens" per context for a moment, so create the ledger after this.
/// </summary>
public sealed class RowsRead : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<DbConnection, long> counts = new(ReferenceEqualityComparer.Instance);
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable allListeners;

    public RowsRead() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public long On(DbConnection connection) => counts.GetValueOrDefault(connection);

    public void Reset(DbConnection connection) => counts[connection] = 0;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.DataReaderDisposing.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is DataReaderDisposingEventData { Command.Connection: { } connection } data)
        {
            counts.AddOrUpdate(connection, data.ReadCount, (_, count) => count + data.ReadCount);
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
