namespace BlazorLedger.Data;

/// <inheritdoc cref="BookLimits"/>
public static class ImportRuleLimits
{
    public const int MaxPattern = 200;
    public const int MaxRulesPerBook = 500;

    /// <summary>The stored column mapping of one account, as JSON.</summary>
    public const int MaxMapping = 2000;

    /// <summary>An imported file's name as it is kept (longer names are cut).</summary>
    public const int MaxFileName = 255;
}
