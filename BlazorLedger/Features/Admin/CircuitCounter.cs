namespace BlazorLedger.Features.Admin;

/// <summary>Counts the interactive circuits (open browser tabs) of this app instance.</summary>
internal sealed class CircuitCounter
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public event Action? Changed;

    internal void Add(int delta)
    {
        Interlocked.Add(ref count, delta);
        Changed?.Invoke();
    }
}
