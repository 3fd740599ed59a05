namespace BlazorLedger.Features.Attachments;

/// <summary>An attachment as lists show it, without its content.</summary>
public sealed record AttachmentDto(Guid Id, Guid TransactionId, string FileName, string ContentType, long Size, string Sha256,
    string UploadedByName, DateTime UploadedAt)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>An attachment with its content, to serve.</summary>
public sealed record AttachmentFile(AttachmentDto Attachment, byte[] Content);

/// <summary>A file to attach: its name as the uploader's machine gave it, and its content, read here up to the size limit.</summary>
public sealed record AddAttachment(Guid BookId, Guid TransactionId, string? FileName, Stream Content);
