namespace BlazorLedger.Features.Books;

/// <summary>
/// In-process fan-out of "something in this book changed", so that every circuit showing the book can refresh.
/// Subscribers must unsubscribe when disposed and marshal onto their own renderer (InvokeAsync).
/// </summary>
internal sealed class BookChangeNotifier
{
    public event Action<BookChange>? Changed;

    public void Publish(BookChange change)
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
