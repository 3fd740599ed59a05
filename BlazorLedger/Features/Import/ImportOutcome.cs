namespace BlazorLedger.Features.Import;

/// <summary>
/// What an import did: how many rows it posted and how many had been imported already (by anyone), and its id to undo it by.
/// <paramref name="Linked"/> rows stood for scheduled transactions posted already and were recorded against them;
/// <paramref name="Matched"/> of the imported rows stood for scheduled occurrences not yet posted, which their schedules now leave out.
/// </summary>
public sealed record ImportOutcome(Guid? ImportId, int Imported, int AlreadyImported, long? FirstNumber, long? LastNumber,
    int Linked = 0, int Matched = 0);
