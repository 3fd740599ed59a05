using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Attachments;

/// <summary>
/// The attachments folder, when one is configured: each file is kept as <c>{book}/{attachment}</c>, named by ids alone (never
/// by anything an uploader sent), written to a temporary name, flushed to disk and then renamed, so a file is either whole
/// or absent. The database row keeps the file's size and hash, and a file that no longer matches them is never served.
/// </summary>
internal sealed class AttachmentFolder(IOptions<AttachmentOptions> options, ILogger<AttachmentFolder> logger)
{
    public const string MissingMessage = "The file of this attachment is missing from the attachments folder.";
    public const string ChangedMessage = "The file of this attachment was changed in the attachments folder since it was attached.";
    public const string NotConfiguredMessage = "This attachment is kept in the attachments folder, and no folder is configured.";

    /// <summary>Whether new attachments go to the folder (else into the database).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Folder);

    public async Task WriteAsync(Guid bookId, Guid attachmentId, byte[] content, CancellationToken ct)
    {
        var path = PathOf(bookId, attachmentId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, ct);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file's bytes, or the reason they cannot be served: missing, changed, or no folder to look in.</summary>
    public async Task<(byte[]? Content, string? Problem)> ReadAsync(Guid bookId, Guid attachmentId, long size, string sha256, CancellationToken ct)
    {
        if (!Enabled)
        {
            return (null, NotConfiguredMessage);
        }
        var path = PathOf(bookId, attachmentId);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogError("Attachment {AttachmentId} of book {BookId} is missing from the attachments folder.", attachmentId, bookId);
            return (null, MissingMessage);
        }
        if (content.LongLength != size || Convert.ToHexStringLower(SHA256.HashData(content)) != sha256)
        {
            logger.LogError("Attachment {AttachmentId} of book {BookId} no longer matches its size and hash.", attachmentId, bookId);
            return (null, ChangedMessage);
        }
        return (content, null);
    }

    /// <summary>Deletes the file if it is there; a file that cannot be deleted is logged and left, never an error for the user.</summary>
    public void Delete(Guid bookId, Guid attachmentId)
    {
        if (!Enabled)
        {
            return;
        }
        var path = PathOf(bookId, attachmentId);
        try
        {
            File.Delete(path);
            File.Delete(path + ".partial");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "The file of attachment {AttachmentId} could not be deleted from the attachments folder.", attachmentId);
        }
    }

    /// <summary>Deletes a deleted book's folder with every file in it.</summary>
    public void DeleteBook(Guid bookId)
    {
        if (!Enabled)
        {
            return;
        }
        var path = Path.Combine(options.Value.Folder!, bookId.ToString("N"));
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "The attachments folder of deleted book {BookId} could not be deleted.", bookId);
        }
    }

    private string PathOf(Guid bookId, Guid attachmentId) =>
        Path.Combine(options.Value.Folder!, bookId.ToString("N"), attachmentId.ToString("N"));

    /// <summary>Whether the folder exists or can be made, and a file can be written in it: checked at start-up.</summary>
    public static bool CanWrite(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
