namespace BlazorLedger.Common;

/// <summary>
/// Remembers the cursor of each page seen so far, so a keyset-paged list can go back without OFFSET: forward follows
/// the cursor the last page returned, back returns to the cursor that produced the previous page.
/// </summary>
public sealed class CursorPager
{
    private readonly List<string?> cursors = [null];

    public int PageIndex { get; private set; }

    /// <summary>The cursor to load the current page with (null for the first page).</summary>
    public string? Current => cursors[PageIndex];

    /// <summary>What the current page returned as its next cursor; null on the last page.</summary>
    public string? Next { get; set; }

    public bool HasPrevious => PageIndex > 0;

    public bool HasNext => Next is not null;

    public bool MoveNext()
    {
        if (Next is null)
        {
            return false;
        }
        cursors.RemoveRange(PageIndex + 1, cursors.Count - PageIndex - 1);
        cursors.Add(Next);
        PageIndex++;
        return true;
    }

    public bool MovePrevious()
    {
        if (PageIndex == 0)
        {
            return false;
        }
        PageIndex--;
        return true;
    }

    public void Reset()
    {
        cursors.RemoveRange(1, cursors.Count - 1);
        PageIndex = 0;
        Next = null;
    }
}
