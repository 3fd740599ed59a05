using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using Microsoft.AspNetCore.Components;

namespace BlazorLedger.Features.Books;

/// <summary>
/// Base for pages that show the current book: resolves the signed-in user and the book, reloads when the user switches
/// book or when anything in the book changes (in this circuit or another), and unsubscribes when the page goes away.
/// </summary>
public abstract class BookPage : ComponentBase, IDisposable
{
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] protected CurrentBook CurrentBook { get; set; } = default!;
    [Inject] private BookChangeNotifier Notifier { get; set; } = default!;

    /// <summary>How this reader writes amounts and dates.</summary>
    [Inject] protected UserFormat Format { get; set; } = default!;

    protected Actor Actor { get; private set; } = default!;

    protected BookSummary? Book { get; private set; }

    /// <summary>Editors and owners may post, void and change accounts; viewers only read, and nobody changes an archived book.</summary>
    protected bool CanEdit => Book is { Role: >= BookRole.Editor, Archived: false };

    /// <summary>Why <see cref="CanEdit"/> is false, for the page to say instead of its form.</summary>
    protected string ReadOnlyReason => Book?.Archived == true
        ? BookAccess.ArchivedMessage
        : "You can read this book but not change it; ask an owner for the editor role.";

    protected bool Loading { get; private set; } = true;

    protected override async Task OnInitializedAsync()
    {
        Notifier.Changed += OnLedgerChanged;
        CurrentBook.Changed += OnBookSwitched;
        Actor = await CurrentUser.GetActorAsync();
        Book = await CurrentBook.EnsureAsync(Actor);
        await ReloadAsync();
    }

    /// <summary>Loads the page's data for <see cref="Book"/> (which may be null: the user has no book).</summary>
    protected abstract Task LoadAsync();

    /// <summary>Which changes to the current book make this page reload.</summary>
    protected virtual bool ReloadsOn(BookChange change) => true;

    // Loads run one after another, so the last one asked for is the last one shown: a search typed while the page's first
    // load is still reading must not be overwritten by that load's unfiltered rows when it finishes later.
    // Never disposed: a load may still be running when the page goes away, and its release must not throw. Without its wait
    // handle (never asked for) a SemaphoreSlim holds nothing to free.
#pragma warning disable CA2213
    private readonly SemaphoreSlim loads = new(1, 1);
#pragma warning restore CA2213
    private int waitingLoads;

    protected async Task ReloadAsync()
    {
        Loading = true;
        await LoadInTurnAsync();
    }

    private async Task LoadInTurnAsync()
    {
        waitingLoads++;
        await loads.WaitAsync();
        try
        {
            await LoadAsync();
        }
        finally
        {
            loads.Release();
            Loading = --waitingLoads > 0;
        }
    }

    private void OnLedgerChanged(BookChange change)
    {
        if (change.BookId == Book?.Id && ReloadsOn(change))
        {
            _ = InvokeAsync(async () =>
            {
                await LoadInTurnAsync();
                StateHasChanged();
            });
        }
    }

    private void OnBookSwitched() => _ = InvokeAsync(async () =>
    {
        Book = CurrentBook.Book;
        await OnBookSwitchedAsync();
        StateHasChanged();
    });

    /// <summary>What happens when the user picks another book; by default the page reloads for it.</summary>
    protected virtual Task OnBookSwitchedAsync() => ReloadAsync();

    public virtual void Dispose()
    {
        Notifier.Changed -= OnLedgerChanged;
        CurrentBook.Changed -= OnBookSwitched;
        GC.SuppressFinalize(this);
    }
}
