using System.Globalization;
using System.Text.Encodings.Web;

namespace BlazorLedger.Features.Mail;

/// <summary>
/// The HTML of a message. Made only from a template whose every hole is encoded (and stripped of control characters), so a
/// name, an address or a link placed into a message is always text, never markup.
/// </summary>
public sealed class MailHtml
{
    private MailHtml(string value) => Value = value;

    public string Value { get; }

    /// <summary><c>MailHtml.Format($"&lt;p&gt;Hello {name}&lt;/p&gt;")</c>: the literal parts are trusted, every value is encoded.</summary>
    public static MailHtml Format(FormattableString template) =>
        new(string.Format(EncodingFormatter.Instance, template.Format, template.GetArguments()));

    public override string ToString() => Value;

    /// <summary>Text for a header or a line of a message: control characters (line breaks included) become spaces.</summary>
    public static string PlainLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || chars[i] is '\u2028' or '\u2029')
            {
                chars[i] = ' ';
            }
        }
        return new string(chars).Trim();
    }

    private sealed class EncodingFormatter : IFormatProvider, ICustomFormatter
    {
        public static readonly EncodingFormatter Instance = new();

        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
        {
            MailHtml html => html.Value,
            IFormattable formattable => HtmlEncoder.Default.Encode(PlainLine(formattable.ToString(format, CultureInfo.InvariantCulture))),
            _ => HtmlEncoder.Default.Encode(PlainLine(arg?.ToString())),
        };
    }
}
