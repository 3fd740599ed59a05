using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Export;

/// <summary>An export's query string as sent; <see cref="Problems"/> reads it into a format and, for CSV, a search.</summary>
internal sealed record ExportRequest(string? Format, string? Q, string? Payee, string? Amount, string? From, string? To, string? Sort,
    string? Account = null, string? Tag = null, string? MinAmount = null, string? MaxAmount = null)
{
    public Dictionary<string, string[]> Problems(Guid bookId, CultureInfo culture, out ExportFormat format, out TransactionQuery? search)
    {
        var problems = new Dictionary<string, string[]>();
        search = null;
        if (!Enum.TryParse(Format, ignoreCase: true, out format) || !Enum.IsDefined(format) || int.TryParse(Format, out _))
        {
            problems["format"] = ["Use one of csv, hledger, beancount."];
        }
        DateOnly? start = null, end = null;
        if (From is not null)
        {
            if (IsoDate.TryParse(From, out var value)) { start = value; } else { problems["from"] = [IsoDate.Refusal(From)]; }
        }
        if (To is not null)
        {
            if (IsoDate.TryParse(To, out var value)) { end = value; } else { problems["to"] = [IsoDate.Refusal(To)]; }
        }
        var sort = TransactionSort.NewestFirst;
        if (Sort is not null && (!Enum.TryParse(Sort, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || int.TryParse(Sort, out _)))
        {
            problems["sort"] = ["Use one of NewestFirst, OldestFirst, DescriptionAToZ."];
        }
        Guid? account = null;
        if (!string.IsNullOrWhiteSpace(Account))
        {
            if (Guid.TryParse(Account, out var id)) { account = id; } else { problems["account"] = ["Give an account id."]; }
        }
        if (problems.Count == 0 && format == ExportFormat.Csv)
        {
            search = new TransactionQuery(bookId, Text: Q, Payee: Payee, Amount: Amount, From: start, To: end, Sort: sort, Culture: culture,
                Tag: Tag, Account: account, MinAmount: MinAmount, MaxAmount: MaxAmount);
        }
        return problems;
    }
}
