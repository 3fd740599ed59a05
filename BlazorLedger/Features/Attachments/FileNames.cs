using System.Globalization;
using System.Text;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Attachments;

/// <summary>
/// The name an attachment is stored and downloaded under: the last segment of what the browser sent, without control or
/// formatting characters (which could hide a real extension, as a right-to-left override does), characters no file system
/// takes, or leading dots; at most <see cref="AttachmentLimits.MaxFileName"/> characters; ending in an extension of its kind.
/// </summary>
public static class FileNames
{
    private const string Fallback = "attachment";

    public static string Sanitize(string? raw, FileKind kind)
    {
        var name = raw ?? "";
        // Whatever the browser or client put before the last separator is a path on their machine, not a name.
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }
            clean.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : char.IsWhiteSpace(c) ? ' ' : c);
        }
        name = clean.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');

        var extension = Path.GetExtension(name);
        var stem = extension.Length > 0 ? name[..^extension.Length] : name;
        // The stored type is the one the content shows: a name must not promise another (a PNG named .pdf becomes .png);
        // an extension of no kind we know is part of the name ("scan.2026" becomes "scan.2026.png").
        if (!kind.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            var another = FileKinds.All.Any(k => k.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
            stem = another ? stem : name;
            extension = kind.Extensions[0];
        }
        stem = stem.TrimEnd('.', ' ');
        if (stem.Length == 0)
        {
            stem = Fallback;
        }
        var room = AttachmentLimits.MaxFileName - extension.Length;
        if (stem.Length > room)
        {
            // Never keep half of a surrogate pair.
            var cut = char.IsLowSurrogate(stem[room]) ? room - 1 : room;
            stem = stem[..cut].TrimEnd('.', ' ');
        }
        return stem + extension;
    }
}
