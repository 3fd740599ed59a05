using System.Text;

namespace BlazorLedger.Tests.Attachments;

/// <summary>The starts of real files of each kind, and files that must never be attached.</summary>
internal static class AttachmentFiles
{
    /// <summary>A whole 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];
    public static readonly byte[] Gif = [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3B];
    public static readonly byte[] WebP = [.. "RIFF"u8, 0x1A, 0x00, 0x00, 0x00, .. "WEBPVP8L"u8, 0x0D, 0x00, 0x00, 0x00, 0x2F, 0x00, 0x00, 0x00];
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    public static readonly byte[] Svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    public static readonly byte[] Script = Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf ~\n");

    /// <summary>HTML that starts with a PDF's signature a few bytes late: sniffed as HTML by a lenient reader, refused here.</summary>
    public static readonly byte[] LatePdf = Encoding.ASCII.GetBytes("  <html>%PDF-1.4</html>");

    public static MemoryStream Stream(byte[] content) => new(content, writable: false);
}
