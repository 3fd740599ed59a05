namespace BlazorLedger.Features.Import;

/// <summary>Suggests a <see cref="CsvMapping"/> from a file's header names, in English and German, and from what its cells hold.</summary>
internal static class CsvColumnGuess
{
    private static readonly string[] DateNames = ["buchungstag", "buchungsdatum", "posting date", "transaction date", "trans. date", "date", "datum", "valuta", "wertstellung"];
    private static readonly string[] AmountNames = ["amount", "betrag", "umsatz", "value", "montant", "importe"];
    private static readonly string[] DebitNames = ["debit", "withdrawal", "soll", "ausgang", "paid out", "money out"];
    private static readonly string[] CreditNames = ["credit", "deposit", "haben", "eingang", "paid in", "money in"];
    private static readonly string[] DescriptionNames = ["verwendungszweck", "description", "buchungstext", "details", "narrative", "transaction", "text", "beschreibung"];
    private static readonly string[] PayeeNames = ["payee", "beguenstigter", "begünstigter", "empfänger", "zahlungsempfänger", "auftraggeber", "merchant", "counterparty", "name"];
    private static readonly string[] MemoNames = ["memo", "reference", "referenz", "note", "notes", "kommentar"];

    public static CsvMapping? Suggest(IReadOnlyList<string>? header, IReadOnlyList<CsvRecord> sample)
    {
        var columns = sample.Count == 0 ? header?.Count ?? 0 : Math.Max(header?.Count ?? 0, sample.Max(r => r.Fields.Count));
        var taken = new HashSet<int>();
        int? ByName(string[] names, Func<int, bool>? fits = null)
        {
            if (header is null)
            {
                return null;
            }
            foreach (var name in names)
            {
                for (var i = 0; i < header.Count; i++)
                {
                    if (!taken.Contains(i) && header[i].Trim().Contains(name, StringComparison.OrdinalIgnoreCase) && (fits?.Invoke(i) ?? true))
                    {
                        taken.Add(i);
                        return i;
                    }
                }
            }
            return null;
        }
        bool Dates(int column) => Share(sample, column, StatementDates.LooksLikeDate) >= 0.8;
        bool Amounts(int column) => Share(sample, column, LooksLikeAmount) >= 0.8 && !Dates(column);

        var date = ByName(DateNames, Dates) ?? Claim(taken, Enumerable.Range(0, columns).FirstOrDefault(Dates, -1));
        if (date is null)
        {
            return null;
        }
        int? amount = null, debit = null, credit = null;
        debit = ByName(DebitNames);
        credit = ByName(CreditNames);
        if (debit is null || credit is null)
        {
            foreach (var column in new[] { debit, credit }.OfType<int>())
            {
                taken.Remove(column);
            }
            (debit, credit) = (null, null);
            amount = ByName(AmountNames, Amounts) ?? Claim(taken, Enumerable.Range(0, columns).LastOrDefault(c => !taken.Contains(c) && Amounts(c), -1));
            if (amount is null)
            {
                return null;
            }
        }
        var payee = ByName(PayeeNames);
        var description = ByName(DescriptionNames) ?? Claim(taken, Enumerable.Range(0, columns).Where(c => !taken.Contains(c))
            .OrderByDescending(c => sample.Average(r => r.Field(c).Length)).FirstOrDefault(-1));
        var memo = ByName(MemoNames);
        return new CsvMapping
        {
            DateColumn = date.Value, AmountColumn = amount, DebitColumn = debit, CreditColumn = credit,
            DescriptionColumn = description, PayeeColumn = payee, MemoColumn = memo,
        };
    }

    private static int? Claim(HashSet<int> taken, int column) => column >= 0 && taken.Add(column) ? column : null;

    // CLF has four decimals: every amount a statement holds fits it.
    private static bool LooksLikeAmount(string text) =>
        StatementAmounts.All.Any(f => StatementAmounts.TryRead(text, f, "CLF", out _));

    private static double Share(IReadOnlyList<CsvRecord> sample, int column, Func<string, bool> test)
    {
        var cells = sample.Select(r => r.Field(column)).Where(c => c.Trim().Length > 0).ToList();
        return cells.Count == 0 ? 0 : cells.Count(test) / (double)cells.Count;
    }
}
