namespace BlazorLedger.Data;

/// <summary>
/// A file (a receipt: an image or a PDF) attached to a transaction. Its content is stored with it, or in the attachments
/// folder when one is configured; the type is the one its bytes show, never the one the uploader claimed. Attachments
/// change no amounts; removing one deletes its content.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }
    public Guid TransactionId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex: the download's ETag.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The file's bytes; null when they are kept in the attachments folder, checked against size and hash when read.</summary>
    public byte[]? Content { get; set; }
    public required string UploadedById { get; set; }
    public DateTime UploadedAt { get; set; }
}
