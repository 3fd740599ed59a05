namespace BlazorLedger.Data;

/// <summary>
/// One statement imported into one account: its transactions carry its id, so the import can be undone as a unit (each of
/// them voided) and the audit log records it once with its counts.
/// </summary>
public sealed class ImportBatch
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }

    /// <summary>The account the statement belongs to.</summary>
    public Guid AccountId { get; set; }

    public required string FileName { get; set; }

    /// <summary>"csv", "ofx", "hledger" or "api".</summary>
    public required string Format { get; set; }

    /// <summary>Transactions this import posted.</summary>
    public int Imported { get; set; }

    /// <summary>Rows skipped because they had been imported before.</summary>
    public int Duplicates { get; set; }

    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when the import was undone: its transactions were voided and its rows may be imported again.</summary>
    public DateTime? UndoneAt { get; set; }

    public string? UndoneById { get; set; }
}
