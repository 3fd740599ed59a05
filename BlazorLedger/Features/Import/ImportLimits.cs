namespace BlazorLedger.Features.Import;

/// <summary>What the import page accepts.</summary>
public static class ImportLimits
{
    /// <summary>
    /// The largest statement file taken: a year of daily card payments is well under 1 MB, and the whole file is held in
    /// memory while it is previewed.
    /// </summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public static string TooLarge(long bytes) =>
        $"The file is {bytes / (1024.0 * 1024):0.0} MB; at most {MaxFileBytes / 1024 / 1024} MB can be imported at once. Export a shorter period.";
}
