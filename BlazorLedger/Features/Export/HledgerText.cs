using System.Globalization;
using System.Text;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Export;

/// <summary>
/// The conventions of BlazorLedger's hledger journal that its writer (<see cref="HledgerFormat"/>) and its reader (the
/// restore's <c>JournalReader</c>) share. The journal shows names and text the way hledger and Ledger read them, which
/// loses some characters; whatever a reader of the journal could not get back exactly from what is shown is also written
/// in a tag, with its value escaped, so a restore gets every name, code and text back exactly.
/// </summary>
internal static class HledgerText
{
    /// <summary>The comment line that names the book's base currency, which nothing else in the journal says.</summary>
    public const string BaseCurrencyComment = "; base currency: ";

    public const string TypeTag = "type";
    public const string ArchivedTag = "archived";
    public const string CurrencyTag = "currency";
    public const string CodeTag = "code";
    public const string NameTag = "name";
    public const string ReversesTag = "reverses";

    /// <summary>On a correction's replacement: the number of the (voided) transaction it replaces.</summary>
    public const string CorrectsTag = "corrects";
    public const string DescriptionTag = "description";
    public const string PayeeTag = "payee";
    public const string MemoTag = "memo";

    /// <summary>A transaction's own tags, separated by spaces (a tag has neither spaces nor commas).</summary>
    public const string TagsTag = "tags";

    /// <summary>
    /// On a reconciled posting: the reconciliation that agreed it, as its statement's date and closing balance and when it was
    /// finished ("2026-01-31 1234.56 2026-02-03T09:30:00.0000000Z"), followed by "adjustment" on the postings of the
    /// transaction it posted for a difference.
    /// </summary>
    public const string ReconciledTag = "reconciled";

    public const string AdjustmentWord = "adjustment";

    /// <summary>The tags the journal declares (hledger's <c>check tags</c> and Ledger's <c>--pedantic</c> want them declared).</summary>
    public static IReadOnlyList<string> DeclaredTags { get; } =
        [ArchivedTag, CurrencyTag, CodeTag, NameTag, ReversesTag, CorrectsTag, DescriptionTag, PayeeTag, MemoTag, TagsTag, ReconciledTag];

    /// <summary>
    /// A posting's status mark as hledger and Ledger read it: "*" (cleared) for a posting agreed in a finished reconciliation,
    /// "!" (pending) for one seen on the bank's side and not yet reconciled, none for an uncleared one.
    /// </summary>
    public static string Mark(PostingState state) => state switch
    {
        PostingState.Reconciled => "* ",
        PostingState.Cleared => "! ",
        _ => "",
    };

    public static PostingState StateOf(char mark) => mark switch
    {
        '*' => PostingState.Reconciled,
        '!' => PostingState.Cleared,
        _ => PostingState.Uncleared,
    };

    public const string ReconciledAtFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The value of a reconciled posting's <see cref="ReconciledTag"/>.</summary>
    public static string Reconciled(ExportReconciliation reconciliation, string currency) =>
        string.Join(' ', new[]
        {
            reconciliation.StatementDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ExportText.Amount(reconciliation.StatementBalance, currency),
            reconciliation.ReconciledAt.ToString(ReconciledAtFormat, CultureInfo.InvariantCulture),
        }.Concat(reconciliation.Adjustment ? [AdjustmentWord] : []));

    public static string Root(AccountType type) => type switch
    {
        AccountType.Asset => "Assets",
        AccountType.Liability => "Liabilities",
        AccountType.Equity => "Equity",
        AccountType.Income => "Income",
        _ => "Expenses",
    };

    /// <summary>hledger's account type codes; R is revenue, X expense.</summary>
    public static string TypeCode(AccountType type) => type switch
    {
        AccountType.Asset => "A",
        AccountType.Liability => "L",
        AccountType.Equity => "E",
        AccountType.Income => "R",
        _ => "X",
    };

    public static AccountType? TypeOf(string code) => code switch
    {
        "A" => AccountType.Asset,
        "L" => AccountType.Liability,
        "E" => AccountType.Equity,
        "R" => AccountType.Income,
        "X" => AccountType.Expense,
        _ => null,
    };

    /// <summary>An account's name as one segment of a journal account name: a colon separates segments and two spaces end a name.</summary>
    public static string Segment(string name)
    {
        var line = ExportText.Line(name).Replace(':', '-').Trim();
        return line.Length == 0 ? "Account" : line;
    }

    /// <summary>The name an account without a name tag has in the app: the last segment of its journal name.</summary>
    public static string AppName(string journalName) =>
        journalName.LastIndexOf(':') is var colon and >= 0 ? journalName[(colon + 1)..] : journalName;

    /// <summary>The journal name of the account that <paramref name="journalName"/> is a sub-account of; null under a root.</summary>
    public static string? ParentName(string journalName) =>
        journalName.LastIndexOf(':') is var colon and > 0 && journalName.IndexOf(':', StringComparison.Ordinal) < colon ? journalName[..colon] : null;

    /// <summary>Text on a transaction's first line: a semicolon would start a comment there.</summary>
    private static string Text(string text) => ExportText.Line(text).Replace(';', '；');

    /// <summary>
    /// What a transaction's first line shows after its number: "payee | description", or the description alone. hledger
    /// splits a payee off at the first "|", so the payee shows "|" as "¦".
    /// </summary>
    public static string Header(string? payee, string description) =>
        payee is not null && Text(payee).Replace('|', '¦') is { Length: > 0 } shown ? $"{shown} | {Text(description)}" : Text(description);

    /// <summary>The payee and the description that a first line shows, as the reader takes them when no tags say otherwise.</summary>
    public static (string? Payee, string Description) SplitHeader(string header) =>
        header.IndexOf(" | ", StringComparison.Ordinal) is var bar and >= 0 ? (header[..bar], header[(bar + 3)..]) : (null, header);

    /// <summary>
    /// A memo as a posting's comment shows it. hledger and Ledger read a comment for tags ("date:" sets the posting's date)
    /// and for bracketed dates ("[2026-01-05]"), so colons and brackets are shown as their fullwidth forms.
    /// </summary>
    public static string ShownMemo(string memo) =>
        ExportText.Line(memo).Replace(':', '：').Replace('[', '［').Replace(']', '］');

    /// <summary>
    /// A tag's value: hledger ends a value at a comma or the end of the line and trims it, and reads a bracketed date in any
    /// comment, so commas, brackets, percent signs, line breaks and other control characters, whitespace other than a
    /// plain space, and spaces at either end are written as %XX (the UTF-8 bytes, as in a URL). Everything else stays readable.
    /// </summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length;)
        {
            // A lone surrogate decodes as U+FFFD and is written as it is: no encoding can carry it into the file.
            Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed);
            var c = value[i];
            var edge = c == ' ' && (i == 0 || i == value.Length - 1);
            var escape = edge || c is ',' or '[' or ']' or '%' || Rune.IsControl(rune) || (Rune.IsWhiteSpace(rune) && c != ' ');
            if (escape)
            {
                var length = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..length])
                {
                    text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                text.Append(value, i, consumed);
            }
            i += consumed;
        }
        return text.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>; false when a % is not followed by two hex digits or the bytes are not UTF-8.</summary>
    public static bool TryUnescape(string value, out string text)
    {
        text = value;
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return true;
        }
        var bytes = new List<byte>(value.Length);
        var plain = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%')
            {
                if (i + 2 >= value.Length || !byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return false;
                }
                bytes.Add(b);
                i += 2;
                continue;
            }
            if (!Flush(bytes, plain))
            {
                return false;
            }
            plain.Append(value[i]);
        }
        if (!Flush(bytes, plain))
        {
            return false;
        }
        text = plain.ToString();
        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool Flush(List<byte> bytes, StringBuilder plain)
    {
        if (bytes.Count == 0)
        {
            return true;
        }
        try
        {
            plain.Append(StrictUtf8.GetString(bytes.ToArray()));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        bytes.Clear();
        return true;
    }

    /// <summary>
    /// The tags of a comment (the text after its ";") as this journal writes them: "name: value" parts separated by commas;
    /// parts without a tag name are text, not tags.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> Tags(string comment)
    {
        foreach (var part in comment.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? "" : part[..colon].Trim();
            if (name.Length > 0 && !name.Any(char.IsWhiteSpace))
            {
                yield return (name, part[(colon + 1)..].Trim());
            }
        }
    }
}
