using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Instances;

/// <summary>On SQLite the app runs as one instance: every circuit is in this process, so there is nobody else to tell.</summary>
internal sealed class NoOtherInstances : IOtherInstances
{
    public void BookChanged(BookChange change)
    {
    }

    public void ActivityRecorded()
    {
    }
}
