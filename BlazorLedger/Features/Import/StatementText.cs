using System.Text;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Turns the bytes of an uploaded statement into text: a byte order mark decides (UTF-8, UTF-16 or UTF-32, either byte
/// order); without one, zero bytes in every other place mean UTF-16 (see <see cref="Utf16ByZeros"/>), and otherwise the
/// bytes are UTF-8 if they are valid UTF-8, and else Windows-1252, the Latin-1 superset that European banks' exports use
/// (it has the euro sign where Latin-1 has control characters).
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
        var guessed = marked is null ? Utf16ByZeros(bytes) : null;
        try
        {
            if (marked is { } bom)
            {
                text = bom.Decoder.GetString(bytes[bom.Skip..]);
                encoding = bom.Name;
            }
            else if (guessed is { } utf16)
            {
                text = utf16.Decoder.GetString(bytes);
                encoding = utf16.Name;
            }
            else
            {
                text = StrictUtf8.GetString(bytes);
                encoding = "UTF-8";
            }
        }
        catch (DecoderFallbackException) when (guessed is not null)
        {
            // The zeros only suggested UTF-16; bytes that are not UTF-16 after all are no text this reader knows.
            error = NotText;
            return false;
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
            error = NotText;
            return false;
        }
        return true;
    }

    private const string NotText = "This is not a text file (a spreadsheet or a PDF?). Export the statement from your bank as CSV or OFX.";

    /// <summary>How much of a file <see cref="Utf16ByZeros"/> looks at: enough lines of a statement to be sure.</summary>
    private const int Utf16Sample = 4096;

    /// <summary>
    /// UTF-16 without a byte order mark (some banks' "Unicode text" exports), told by its zero bytes: the digits, delimiters
    /// and Latin letters that make up most of a statement are characters below U+0100, whose high byte is zero, and that
    /// byte comes second in little-endian and first in big-endian order. Text in UTF-8 or Latin-1 has no zero bytes at all.
    /// At least half the characters must show the zero on one side and hardly any on the other (U+0100, U+4E00 ... have a
    /// zero low byte), so a binary file with zeros scattered about is not taken for text.
    /// </summary>
    private static (Encoding Decoder, string Name)? Utf16ByZeros(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            return null;
        }
        var sample = bytes[..Math.Min(bytes.Length, Utf16Sample)];
        int first = 0, second = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            first += sample[i] == 0 ? 1 : 0;
            second += sample[i + 1] == 0 ? 1 : 0;
        }
        var characters = sample.Length / 2;
        bool Mostly(int zeros) => zeros * 2 >= characters;
        bool Hardly(int zeros) => zeros * 16 <= characters;
        return Mostly(second) && Hardly(first)
            ? (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16")
            : Mostly(first) && Hardly(second)
                ? (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16 (big-endian)")
                : null;
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
