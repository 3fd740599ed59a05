using System.Globalization;
using System.Text;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Export;

/// <summary>
/// A book as an hledger journal that Ledger reads too (also with --pedantic): commodities declared with their decimals, accounts declared under
/// the five standard roots with their types, and every transaction, reversals of voids included, with exact amounts.
/// Account names keep what people typed, less what the format gives a meaning: a colon (the account separator) becomes a
/// dash, and runs of spaces one space (two spaces end a name). In descriptions a semicolon would start a comment and is
/// written as the fullwidth "；". The journal is also the book's backup: tags keep what a restore needs and the text shown
/// cannot say exactly (see <see cref="HledgerText"/>), and each transaction's number is its code.
/// </summary>
internal sealed class HledgerFormat : IBookFormat
{
    private readonly ExportBook book;
    private readonly Dictionary<Guid, ExportAccount> accounts;

    public HledgerFormat(ExportBook book)
    {
        this.book = book;
        accounts = book.Accounts.ToDictionary(a => a.Id);
        Names = ExportText.Paths(book.Accounts, HledgerText.Segment, (name, n) => $"{name} ({n})");
        File = new ExportFile(ExportText.FileName(book.Name, "journal"), "text/plain; charset=utf-8");
    }

    /// <summary>Each account's name in the journal.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; }

    public ExportFile File { get; }

    public static string Root(AccountType type) => HledgerText.Root(type);

    public string Header()
    {
        var text = new StringBuilder();
        text.Append("; ").Append(ExportText.Line(book.Name).Replace(';', '；')).AppendLine(", exported from BlazorLedger.");
        text.AppendLine("; Amounts are exact; a voided transaction is followed by the transaction that reverses it.");
        text.AppendLine("; A posting marked * is reconciled with a bank statement, one marked ! cleared but not yet reconciled.");
        text.AppendLine("; BlazorLedger restores a book from this file: its tags keep what the names and text shown cannot say exactly.");
        text.Append(HledgerText.BaseCurrencyComment).AppendLine(book.BaseCurrency);
        text.AppendLine();
        foreach (var tag in HledgerText.DeclaredTags)
        {
            text.Append("tag ").AppendLine(tag);
        }
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
            text.Append("    ; ").Append(HledgerText.TypeTag).Append(": ").Append(HledgerText.TypeCode(account.Type));
            if (account.Archived)
            {
                text.Append(", ").Append(HledgerText.ArchivedTag).Append(':');
            }
            text.Append(", ").Append(HledgerText.CurrencyTag).Append(": ").Append(account.Currency);
            if (account.Code is { } code)
            {
                text.Append(", ").Append(HledgerText.CodeTag).Append(": ").Append(HledgerText.Escape(code));
            }
            if (HledgerText.AppName(Names[account.Id]) != account.Name)
            {
                text.Append(", ").Append(HledgerText.NameTag).Append(": ").Append(HledgerText.Escape(account.Name));
            }
            text.AppendLine();
            foreach (var statement in account.Statements ?? [])
            {
                text.Append("    ; ").Append(HledgerText.ReconciledTag).Append(": ").AppendLine(HledgerText.Reconciled(statement, account.Currency));
            }
        }
        text.AppendLine();
        return text.ToString();
    }

    public string Transaction(ExportTransaction transaction)
    {
        var text = new StringBuilder();
        var header = HledgerText.Header(transaction.Payee, transaction.Description);
        text.Append(transaction.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" (").Append(transaction.Number).Append(") ").AppendLine(header);
        if (transaction.ReversesNumber is { } reverses)
        {
            text.Append("    ; ").Append(HledgerText.ReversesTag).Append(": ").Append(reverses).AppendLine();
        }
        if (transaction.CorrectsNumber is { } corrects)
        {
            text.Append("    ; ").Append(HledgerText.CorrectsTag).Append(": ").Append(corrects).AppendLine();
        }
        if (HledgerText.SplitHeader(header) != (transaction.Payee, transaction.Description))
        {
            text.Append("    ; ").Append(HledgerText.DescriptionTag).Append(": ").Append(HledgerText.Escape(transaction.Description));
            if (transaction.Payee is { } payee)
            {
                text.Append(", ").Append(HledgerText.PayeeTag).Append(": ").Append(HledgerText.Escape(payee));
            }
            text.AppendLine();
        }
        if (transaction.Tags is { Count: > 0 } tags)
        {
            text.Append("    ; ").Append(HledgerText.TagsTag).Append(": ").AppendJoin(' ', tags).AppendLine();
        }
        foreach (var posting in transaction.Postings)
        {
            var account = accounts[posting.AccountId];
            text.Append("    ").Append(HledgerText.Mark(posting.State)).Append(Names[account.Id]).Append("  ")
                .Append(ExportText.Amount(posting.Amount, account.Currency)).Append(' ').Append(account.Currency);
            var shown = posting.Memo is { } memo ? HledgerText.ShownMemo(memo) : "";
            if (shown.Length > 0)
            {
                text.Append("  ; ").Append(shown);
            }
            text.AppendLine();
            if (posting.Memo is { } exact && shown != exact)
            {
                text.Append("      ; ").Append(HledgerText.MemoTag).Append(": ").Append(HledgerText.Escape(exact)).AppendLine();
            }
            if (posting.Reconciliation is { } reconciliation)
            {
                text.Append("      ; ").Append(HledgerText.ReconciledTag).Append(": ").AppendLine(HledgerText.Reconciled(reconciliation, account.Currency));
            }
        }
        text.AppendLine();
        return text.ToString();
    }
}
