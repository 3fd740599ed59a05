namespace BlazorLedger.Data;

/// <summary>How the last CSV statement of an account was read (its columns and formats), offered again for the next one.</summary>
public sealed class ImportColumnMapping
{
    public Guid AccountId { get; set; }
    public Guid BookId { get; set; }

    /// <summary>The import's CSV mapping as JSON: the import feature owns its shape.</summary>
    public required string Mapping { get; set; }

    public required string UpdatedById { get; set; }
    public DateTime UpdatedAt { get; set; }
}
