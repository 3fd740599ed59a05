using System.Globalization;
using System.Text;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Export;

/// <summary>
/// A book as a Beancount file: every account opened (with its currency) on a date before any transaction, every
/// transaction with exact amounts, reversals of voids included. Beancount's account names are strict: each part starts
/// with a capital letter or digit and holds only letters, digits and dashes. So an account's name is made of its words,
/// each capitalised, joined by dashes ("cash \"quoted\"; 1st" → "Cash-Quoted-1st"); a name that starts with a letter
/// without capitals ("食品") gets an "X-" before it, and a name with nothing left is "Account". Names are then made unique.
/// </summary>
internal sealed class BeancountFormat : IBookFormat
{
    private readonly ExportBook book;
    private readonly Dictionary<Guid, ExportAccount> accounts;

    public BeancountFormat(ExportBook book)
    {
        this.book = book;
        accounts = book.Accounts.ToDictionary(a => a.Id);
        Names = ExportText.Paths(book.Accounts, Segment, (name, n) => $"{name}-{n}");
        File = new ExportFile(ExportText.FileName(book.Name, "beancount"), "text/plain; charset=utf-8");
    }

    /// <summary>Each account's name in the file.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; }

    public ExportFile File { get; }

    public static string Segment(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(word.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        if (words.Count == 0)
        {
            return "Account";
        }
        var segment = string.Join('-', words);
        return char.IsUpper(segment[0]) || char.IsDigit(segment[0]) ? segment : "X-" + segment;
    }

    private static bool IsBeancountTag(string tag) => tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.');

    private static string Quoted(string text) => "\"" + ExportText.Line(text).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Header()
    {
        var text = new StringBuilder();
        text.Append("; ").Append(ExportText.Line(book.Name)).AppendLine(", exported from BlazorLedger.");
        text.AppendLine("; Amounts are exact; a voided transaction is followed by the transaction that reverses it.");
        text.Append("option \"title\" ").AppendLine(Quoted(book.Name));
        text.Append("option \"operating_currency\" ").AppendLine(Quoted(book.BaseCurrency));
        text.AppendLine();
        var opened = Date(book.OpenedOn);
        foreach (var currency in book.Accounts.Select(a => a.Currency).Append(book.BaseCurrency).Distinct().Order(StringComparer.Ordinal))
        {
            text.Append(opened).Append(" commodity ").AppendLine(currency);
        }
        text.AppendLine();
        foreach (var account in book.Accounts.OrderBy(a => Names[a.Id], StringComparer.Ordinal))
        {
            text.Append(opened).Append(" open ").Append(Names[account.Id]).Append(' ').AppendLine(account.Currency);
            text.Append("  name: ").AppendLine(Quoted(account.Name));
        }
        text.AppendLine();
        return text.ToString();
    }

    public string Transaction(ExportTransaction transaction)
    {
        var text = new StringBuilder();
        text.Append(Date(transaction.Date)).Append(" * ");
        if (transaction.Payee is { } payee)
        {
            text.Append(Quoted(payee)).Append(' ');
        }
        text.Append(Quoted(transaction.Description));
        var tags = transaction.Tags ?? [];
        foreach (var tag in tags.Where(IsBeancountTag))
        {
            text.Append(" #").Append(tag);
        }
        text.AppendLine();
        text.Append("  number: \"").Append(transaction.Number).AppendLine("\"");
        if (transaction.ReversesNumber is { } reverses)
        {
            text.Append("  reverses: \"").Append(reverses).AppendLine("\"");
        }
        if (transaction.CorrectsNumber is { } corrects)
        {
            text.Append("  corrects: \"").Append(corrects).AppendLine("\"");
        }
        if (tags.Any(t => !IsBeancountTag(t)))
        {
            // Beancount's tags are ASCII; the others are kept, exactly, as metadata.
            text.Append("  tags: ").AppendLine(Quoted(string.Join(' ', tags.Where(t => !IsBeancountTag(t)))));
        }
        foreach (var posting in transaction.Postings)
        {
            var account = accounts[posting.AccountId];
            text.Append("  ").Append(HledgerText.Mark(posting.State)).Append(Names[account.Id]).Append("  ")
                .Append(ExportText.Amount(posting.Amount, account.Currency)).Append(' ').AppendLine(account.Currency);
            if (posting.Memo is { } memo && ExportText.Line(memo).Length > 0)
            {
                text.Append("    memo: ").AppendLine(Quoted(memo));
            }
        }
        text.AppendLine();
        return text.ToString();
    }
}
