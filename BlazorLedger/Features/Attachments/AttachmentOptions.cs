using System.ComponentModel.DataAnnotations;

namespace BlazorLedger.Features.Attachments;

/// <summary>The "Attachments" settings.</summary>
public sealed class AttachmentOptions
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The largest file that can be attached, in bytes (10 MB unless set).</summary>
    [Range(1, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// A folder to keep new attachments in, instead of the database; relative to the app folder when not absolute. Files
    /// attached before it was set stay in the database and are still served from there.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The limit as people read it: "10 MB", "512 KB".</summary>
    public string MaxSizeText => SizeText(MaxBytes);

    public static string SizeText(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
