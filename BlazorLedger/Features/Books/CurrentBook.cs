using BlazorLedger.Common;

namespace BlazorLedger.Features.Books;

/// <summary>
/// The book this circuit is working in: the one the user picked last (kept by the layout in the browser), else the one
/// with the most recent transactions, else the first by name.
/// </summary>
public sealed class CurrentBook(BookService books)
{
    private IReadOnlyList<BookSummary>? available;

    public Guid? PreferredId { get; set; }

    public BookSummary? Book { get; private set; }

    public IReadOnlyList<BookSummary> Available => available ?? [];

    public event Action? Changed;

    public async Task<BookSummary?> EnsureAsync(Actor actor, CancellationToken ct = default)
    {
        if (Book is not null)
        {
            return Book;
        }
        available = await books.ListAsync(actor, ct);
        Book = available.FirstOrDefault(b => b.Id == PreferredId)
            ?? available.OrderByDescending(b => b.LastActivity).FirstOrDefault();
        return Book;
    }

    public void Select(BookSummary book)
    {
        Book = book;
        PreferredId = book.Id;
        Changed?.Invoke();
    }

    public async Task ReloadAsync(Actor actor, CancellationToken ct = default)
    {
        Book = null;
        await EnsureAsync(actor, ct);
        Changed?.Invoke();
    }
}
