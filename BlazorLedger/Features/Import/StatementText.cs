using System.Text;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Turns the bytes of an uploaded statement into text: a byte order mark decides (UTF-8, UTF-16 or UTF-32, either byte
/// order); without one the bytes are UTF-8 if they are valid UTF-8, and otherwise Windows-1252, the Latin-1 superset that
/// European banks' exports use (it has the euro sign where Latin-1 has control characters).
/// </summary>
internal static class StatementText
{
    /// <summary>Larger files are refused before they are decoded: a year of daily statements is far smaller.</summary>
    public const int MaxBytes = 50 * 1024 * 1024;

    public const string Latin1Name = "Windows-1252 (Latin-1)";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Windows1252 = new(() => CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available."));

    /// <summary>Decodes <paramref name="bytes"/>; on failure <paramref name="error"/> says why for the person who uploaded it.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string encoding, out string error)
    {
        text = "";
        encoding = "";
        error = "";
        if (bytes.Length > MaxBytes)
        {
            error = $"The file is larger than {MaxBytes / 1024 / 1024} MiB. Export a shorter period.";
            return false;
        }
        if (bytes.Length == 0)
        {
            error = "The file is empty.";
            return false;
        }

        (Encoding Decoder, int Skip, string Name)? marked = bytes switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true), 4, "UTF-32"),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true), 4, "UTF-32 (big-endian)"),
            [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3, "UTF-8"),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), 2, "UTF-16"),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), 2, "UTF-16 (big-endian)"),
            _ => null,
        };
        try
        {
            if (marked is { } bom)
            {
                text = bom.Decoder.GetString(bytes[bom.Skip..]);
                encoding = bom.Name;
            }
            else
            {
                text = StrictUtf8.GetString(bytes);
                encoding = "UTF-8";
            }
        }
        catch (DecoderFallbackException) when (marked is null)
        {
            text = Windows1252.Value.GetString(bytes);
            encoding = Latin1Name;
        }
        catch (DecoderFallbackException)
        {
            error = $"The file starts with a {marked!.Value.Name} byte order mark but is not valid {marked.Value.Name} text.";
            return false;
        }

        if (text.Contains('\0'))
        {
            error = "This is not a text file (a spreadsheet or a PDF?). Export the statement from your bank as CSV or OFX.";
            return false;
        }
        return true;
    }

    /// <summary>A cell as a transaction's text: control characters and runs of spaces become one space; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters without splitting a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..cut] + "…";
    }
}
