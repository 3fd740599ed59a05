using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// Records the SQL and parameters of the commands the app sends to PostgreSQL during a call, from EF's diagnostic events,
/// so that the server can be asked how it runs exactly those (EXPLAIN ANALYZE). Subscribe before the services are built:
/// EF remembers for a while that nobody listens.
/// </summary>
internal sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable allListeners;
    private List<RecordedCommand>? recording;

    public CommandRecorder() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Runs <paramref name="call"/> and returns the commands it sent, in order.</summary>
    public async Task<IReadOnlyList<RecordedCommand>> RecordAsync(Func<Task> call)
    {
        var commands = new List<RecordedCommand>();
        recording = commands;
        try
        {
            await call();
        }
        finally
        {
            recording = null;
        }
        return commands;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandEventData { Command: NpgsqlCommand command } && recording is { } commands)
        {
            lock (commands)
            {
                commands.Add(new RecordedCommand(command.CommandText, command.Parameters.Select(p => p.Clone()).ToArray()));
            }
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
