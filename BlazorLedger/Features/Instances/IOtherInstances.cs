using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// Tells the app's other instances (those sharing this database) what changed here, so that their circuits refresh too.
/// Called after the change committed; never waits on the database and never fails the write.
/// </summary>
internal interface IOtherInstances
{
    void BookChanged(BookChange change);

    void ActivityRecorded();
}
