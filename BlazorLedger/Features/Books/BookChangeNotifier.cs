using BlazorLedger.Features.Instances;

namespace BlazorLedger.Features.Books;

/// <summary>
/// Fan-out of "something in this book changed", so that every circuit showing the book can refresh: the circuits of this
/// instance at once, those of other instances through <see cref="IOtherInstances"/>. Subscribers must unsubscribe when
/// disposed and marshal onto their own renderer (InvokeAsync).
/// </summary>
internal sealed class BookChangeNotifier(IOtherInstances others)
{
    public event Action<BookChange>? Changed;

    /// <summary>A change made here, after it committed: this instance's circuits and the other instances hear of it.</summary>
    public void Publish(BookChange change)
    {
        Deliver(change);
        others.BookChanged(change);
    }

    /// <summary>Tells this instance's circuits only (a change another instance made, or one published here).</summary>
    public void Deliver(BookChange change)
    {
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<BookChange>)handler)(change);
            }
            catch (Exception)
            {
                // One broken subscriber (a circuit going away) must not stop the others or fail the write that succeeded.
            }
        }
    }
}
