using BlazorLedger.Common;

namespace BlazorLedger.Features.Books;

/// <summary>
/// The book this circuit is working in: the one the user picked last (kept by the layout in the browser), else the book in
/// use (not archived) with the most recent transactions, else the first by name.
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
        Book = Pick(PreferredId);
        return Book;
    }

    public void Select(BookSummary book)
    {
        Book = book;
        PreferredId = book.Id;
        Changed?.Invoke();
    }

    /// <summary>
    /// Reads the user's books again (one was renamed, archived, left or joined): the preferred book if set and still
    /// theirs, else the working one, so that archiving a book does not switch away from it.
    /// </summary>
    public async Task ReloadAsync(Actor actor, CancellationToken ct = default)
    {
        var working = PreferredId ?? Book?.Id;
        available = await books.ListAsync(actor, ct);
        Book = Pick(working);
        Changed?.Invoke();
    }

    private BookSummary? Pick(Guid? preferred) =>
        Available.FirstOrDefault(b => b.Id == preferred)
        ?? Available.OrderBy(b => b.Archived).ThenByDescending(b => b.LastActivity).FirstOrDefault();
}
