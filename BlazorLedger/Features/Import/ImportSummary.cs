namespace BlazorLedger.Features.Import;

/// <summary>A past import of the book, as the import page lists it.</summary>
public sealed record ImportSummary(Guid Id, DateTime CreatedAt, string CreatedByName, string FileName, string Format,
    Guid AccountId, string AccountName, int Imported, int Duplicates, DateTime? UndoneAt, string? UndoneByName)
{
    public bool IsUndone => UndoneAt is not null;
}
