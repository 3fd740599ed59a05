using System.Text;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Export;

/// <summary>
/// A book as an hledger journal that Ledger reads too (also with --pedantic): commodities declared with their decimals, accounts declared under
/// the five standard roots with their types, and every transaction, reversals of voids included, with exact amounts.
/// Account names keep what people typed, less what the format gives a meaning: a colon (the account separator) becomes a
/// dash, and runs of spaces one space (two spaces end a name). In descriptions a semicolon would start a comment and is
/// written as the fullwidth "；".
/// </summary>
internal sealed class HledgerFormat : IBookFormat
{
    private readonly ExportBook book;
    private readonly Dictionary<Guid, ExportAccount> accounts;

    public HledgerFormat(ExportBook book)
    {
        this.book = book;
        accounts = book.Accounts.ToDictionary(a => a.Id);
        Names = ExportText.Unique(book.Accounts.OrderBy(a => a.Type).ThenBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => (a.Id, $"{Root(a.Type)}:{Segment(a.Name)}")),
            (name, n) => $"{name} ({n})");
        File = new ExportFile(ExportText.FileName(book.Name, "journal"), "text/plain; charset=utf-8");
    }

    /// <summary>Each account's name in the journal.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; }

    public ExportFile File { get; }

    public static string Root(AccountType type) => type switch
    {
        AccountType.Asset => "Assets",
        AccountType.Liability => "Liabilities",
        AccountType.Equity => "Equity",
        AccountType.Income => "Income",
        _ => "Expenses",
    };

    private static string TypeCode(AccountType type) => type switch
    {
        AccountType.Asset => "A",
        AccountType.Liability => "L",
        AccountType.Equity => "E",
        AccountType.Income => "R",
        _ => "X",
    };

    private static string Segment(string name)
    {
        var line = ExportText.Line(name).Replace(':', '-').Trim();
        return line.Length == 0 ? "Account" : line;
    }

    private static string Text(string text) => ExportText.Line(text).Replace(';', '；');

    public string Header()
    {
        var text = new StringBuilder();
        text.Append("; ").Append(Text(book.Name)).AppendLine(", exported from BlazorLedger.");
        text.AppendLine("; Amounts are exact; a voided transaction is followed by the transaction that reverses it.");
        text.AppendLine();
        text.AppendLine("tag reverses");
        foreach (var currency in book.Accounts.Select(a => a.Currency).Append(book.BaseCurrency).Distinct().Order(StringComparer.Ordinal))
        {
            text.Append("commodity ").AppendLine(currency);
            // hledger wants a decimal mark in a format and Ledger refuses one without decimals ("1000."): a currency without
            // decimals is declared bare, and both take its style from the amounts, which have none.
            if (Common.Currencies.MinorDigits(currency) is var digits and > 0)
            {
                text.Append("    format 1000.").Append('0', digits).Append(' ').AppendLine(currency);
            }
        }
        text.AppendLine();
        foreach (var account in book.Accounts.OrderBy(a => Names[a.Id], StringComparer.Ordinal))
        {
            text.Append("account ").AppendLine(Names[account.Id]);
            text.Append("    ; type: ").Append(TypeCode(account.Type));
            text.AppendLine(account.Archived ? ", archived:" : "");
        }
        text.AppendLine();
        return text.ToString();
    }

    public string Transaction(ExportTransaction transaction)
    {
        var text = new StringBuilder();
        text.Append(transaction.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" (").Append(transaction.Number).Append(") ");
        if (transaction.Payee is { } payee && Text(payee).Replace('|', '¦') is { Length: > 0 } shown)
        {
            text.Append(shown).Append(" | ");
        }
        text.AppendLine(Text(transaction.Description));
        if (transaction.ReversesNumber is { } reverses)
        {
            text.Append("    ; reverses: ").Append(reverses).AppendLine();
        }
        foreach (var posting in transaction.Postings)
        {
            var account = accounts[posting.AccountId];
            text.Append("    ").Append(Names[account.Id]).Append("  ")
                .Append(ExportText.Amount(posting.Amount, account.Currency)).Append(' ').Append(account.Currency);
            if (posting.Memo is { } memo && ExportText.Line(memo) is { Length: > 0 } line)
            {
                text.Append("  ; ").Append(line);
            }
            text.AppendLine();
        }
        text.AppendLine();
        return text.ToString();
    }
}
