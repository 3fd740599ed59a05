namespace BlazorLedger.Features.Import;

/// <summary>
/// How to read a CSV statement: which columns (0-based) hold what, and the file's dialect and formats. A null delimiter, header
/// flag, date format or number format is detected from the file. The amount is either one signed column or a debit
/// (money out) and a credit (money in) column; <see cref="NegateAmounts"/> flips the sign for banks that show money out as
/// positive. Remembered per account as JSON, so its shape is the stored one: add members, never rename them.
/// </summary>
public sealed record CsvMapping
{
    public char? Delimiter { get; init; }
    public bool? HasHeader { get; init; }

    /// <summary>Records before the table (an account summary some banks put first; empty lines do not count); null to detect.</summary>
    public int? SkipRows { get; init; }

    public int DateColumn { get; init; }
    public int? AmountColumn { get; init; }
    public int? DebitColumn { get; init; }
    public int? CreditColumn { get; init; }
    public int? DescriptionColumn { get; init; }
    public int? PayeeColumn { get; init; }
    public int? MemoColumn { get; init; }
    public StatementDateFormat? DateFormat { get; init; }
    public StatementNumberFormat? NumberFormat { get; init; }
    public bool NegateAmounts { get; init; }

    /// <summary>The columns this mapping reads, with what they are for.</summary>
    public IEnumerable<(int Column, string Role)> Columns()
    {
        yield return (DateColumn, "date");
        if (AmountColumn is { } amount) { yield return (amount, "amount"); }
        if (DebitColumn is { } debit) { yield return (debit, "debit"); }
        if (CreditColumn is { } credit) { yield return (credit, "credit"); }
        if (DescriptionColumn is { } description) { yield return (description, "description"); }
        if (PayeeColumn is { } payee) { yield return (payee, "payee"); }
        if (MemoColumn is { } memo) { yield return (memo, "memo"); }
    }

    /// <summary>What is wrong with the mapping itself, before any row is read; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AmountColumn is null && DebitColumn is null && CreditColumn is null)
        {
            problems.Add("Choose the amount column, or the debit and credit columns.");
        }
        if (AmountColumn is not null && (DebitColumn is not null || CreditColumn is not null))
        {
            problems.Add("Choose either one amount column or debit and credit columns, not both.");
        }
        if (DescriptionColumn is null && PayeeColumn is null && MemoColumn is null)
        {
            problems.Add("Choose the description column.");
        }
        if (Columns().Any(c => c.Column < 0))
        {
            problems.Add("Column numbers start at 0.");
        }
        foreach (var twice in Columns().GroupBy(c => c.Column).Where(g => g.Count() > 1))
        {
            problems.Add($"Column {twice.Key + 1} is chosen as both {string.Join(" and ", twice.Select(c => c.Role))}.");
        }
        if (SkipRows is < 0)
        {
            problems.Add("Lines to skip cannot be negative.");
        }
        if (Delimiter is { } delimiter && !CsvDialect.Delimiters.Contains(delimiter))
        {
            problems.Add("The delimiter must be a comma, semicolon, tab or vertical bar.");
        }
        return problems;
    }
}
