namespace BlazorLedger.Features.Import;

/// <summary>What an import did: how many rows it posted and how many had been imported already (by anyone), and its id to undo it by.</summary>
public sealed record ImportOutcome(Guid? ImportId, int Imported, int AlreadyImported, long? FirstNumber, long? LastNumber);
