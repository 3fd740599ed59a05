namespace BlazorLedger.Features.Admin;

/// <summary>
/// Counts the interactive circuits (open browser tabs): this instance's own, plus, on PostgreSQL, those the other
/// instances last reported (kept current by the instance heartbeat; always zero on SQLite, which runs one instance).
/// </summary>
internal sealed class CircuitCounter
{
    private int local;
    private int others;

    /// <summary>The circuits of this instance.</summary>
    public int Local => Volatile.Read(ref local);

    /// <summary>The circuits of every instance.</summary>
    public int Count => Local + Volatile.Read(ref others);

    public event Action? Changed;

    internal void Add(int delta)
    {
        Interlocked.Add(ref local, delta);
        Changed?.Invoke();
    }

    /// <summary>What the other instances report together.</summary>
    internal void SetOthers(int count)
    {
        if (Interlocked.Exchange(ref others, count) != count)
        {
            Changed?.Invoke();
        }
    }
}
