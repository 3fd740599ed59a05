namespace BlazorLedger.Features.Attachments;

/// <summary>A kind of file that may be attached: its content type and the extensions a name of it may end with.</summary>
public sealed record FileKind(string ContentType, string Name, IReadOnlyList<string> Extensions)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>
/// Tells what a file is by its first bytes, never by its name or the type the browser claims: a PNG named .pdf is a PNG, and
/// an HTML page, an SVG or a script named .png is none of the kinds allowed. Only kinds that run no script when a browser opens them are allowed.
/// </summary>
public static class FileKinds
{
    public static readonly FileKind Jpeg = new("image/jpeg", "JPEG", [".jpg", ".jpeg", ".jfif"]);
    public static readonly FileKind Png = new("image/png", "PNG", [".png"]);
    public static readonly FileKind Gif = new("image/gif", "GIF", [".gif"]);
    public static readonly FileKind WebP = new("image/webp", "WebP", [".webp"]);
    public static readonly FileKind Pdf = new("application/pdf", "PDF", [".pdf"]);

    public static IReadOnlyList<FileKind> All { get; } = [Jpeg, Png, Gif, WebP, Pdf];

    /// <summary>Enough of a file's start to tell every kind apart.</summary>
    public const int SignatureLength = 12;

    /// <summary>For the file picker's filter; the server decides by the content all the same.</summary>
    public static string Accept { get; } = string.Join(',', All.SelectMany(k => k.Extensions.Prepend(k.ContentType)));

    public static FileKind? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8) ? Gif
        : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? WebP
        : content.StartsWith("%PDF-"u8) ? Pdf
        : null;

    public static FileKind? ForContentType(string contentType) => All.FirstOrDefault(k => k.ContentType == contentType);

    public const string RefusedMessage =
        "Only JPEG, PNG, WebP or GIF images and PDF files can be attached; by its content this file is none of them.";
}
