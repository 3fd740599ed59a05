namespace BlazorLedger.Features.Import;

/// <summary>
/// The column-mapping step as a form: what the person sees and changes (columns by position, the file's dialect, formats
/// left to detection or chosen), prefilled from a remembered or suggested <see cref="CsvMapping"/>, and turned back into one.
/// </summary>
internal sealed class CsvMappingForm
{
    public char Delimiter { get; set; } = ',';
    public bool HasHeader { get; set; }
    public int SkipRows { get; set; }

    /// <summary>Money in and money out in two columns rather than one signed amount.</summary>
    public bool DebitAndCredit { get; set; }

    public int? DateColumn { get; set; }
    public int? AmountColumn { get; set; }
    public int? DebitColumn { get; set; }
    public int? CreditColumn { get; set; }
    public int? DescriptionColumn { get; set; }
    public int? PayeeColumn { get; set; }
    public int? MemoColumn { get; set; }

    /// <summary>Null: detected from the rows.</summary>
    public StatementDateFormat? DateFormat { get; set; }

    /// <summary>Null: detected from the rows.</summary>
    public StatementNumberFormat? NumberFormat { get; set; }

    public bool NegateAmounts { get; set; }

    /// <summary>
    /// The form for <paramref name="csv"/>, from <paramref name="mapping"/> when there is one: the file's dialect as the
    /// mapping gives it, else as detected; the columns as the mapping chose them (none beyond the file's width).
    /// </summary>
    public static CsvMappingForm From(CsvMapping? mapping, CsvPreview csv)
    {
        int? Within(int? column) => column is { } c && c >= 0 && c < csv.Columns.Count ? c : null;
        var form = new CsvMappingForm
        {
            Delimiter = mapping?.Delimiter ?? csv.Delimiter,
            HasHeader = mapping?.HasHeader ?? csv.HasHeader,
            SkipRows = mapping?.SkipRows ?? csv.SkipRows,
        };
        if (mapping is null)
        {
            return form;
        }
        form.DebitAndCredit = mapping.AmountColumn is null && (mapping.DebitColumn is not null || mapping.CreditColumn is not null);
        form.DateColumn = Within(mapping.DateColumn);
        form.AmountColumn = Within(mapping.AmountColumn);
        form.DebitColumn = Within(mapping.DebitColumn);
        form.CreditColumn = Within(mapping.CreditColumn);
        form.DescriptionColumn = Within(mapping.DescriptionColumn);
        form.PayeeColumn = Within(mapping.PayeeColumn);
        form.MemoColumn = Within(mapping.MemoColumn);
        form.DateFormat = mapping.DateFormat;
        form.NumberFormat = mapping.NumberFormat;
        form.NegateAmounts = mapping.NegateAmounts;
        return form;
    }

    /// <summary>The mapping the form describes; only the amount columns of the chosen kind are kept.</summary>
    public CsvMapping ToMapping() => new()
    {
        Delimiter = Delimiter,
        HasHeader = HasHeader,
        SkipRows = SkipRows,
        DateColumn = DateColumn ?? -1,
        AmountColumn = DebitAndCredit ? null : AmountColumn,
        DebitColumn = DebitAndCredit ? DebitColumn : null,
        CreditColumn = DebitAndCredit ? CreditColumn : null,
        DescriptionColumn = DescriptionColumn,
        PayeeColumn = PayeeColumn,
        MemoColumn = MemoColumn,
        DateFormat = DateFormat,
        NumberFormat = NumberFormat,
        NegateAmounts = NegateAmounts,
    };

    /// <summary>What must be chosen or changed before the file can be read; empty when the form is complete.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DateColumn is null)
        {
            problems.Add("Choose the date column.");
        }
        if (DebitAndCredit && DebitColumn is null && CreditColumn is null)
        {
            problems.Add("Choose the debit column, the credit column or both.");
        }
        else if (!DebitAndCredit && AmountColumn is null)
        {
            problems.Add("Choose the amount column.");
        }
        // The form's own messages above say these better; a column number below 0 can only be the unchosen date column.
        string[] said = ["Column numbers start at 0.", "Choose the amount column, or the debit and credit columns."];
        problems.AddRange(ToMapping().Problems().Except(said));
        return problems;
    }

    /// <summary>True when the file must be split again to show its columns: the delimiter, header or lines to skip differ from <paramref name="csv"/>'s.</summary>
    public bool DialectDiffers(CsvPreview csv) => Delimiter != csv.Delimiter || HasHeader != csv.HasHeader || SkipRows != csv.SkipRows;

    /// <summary>What <paramref name="column"/> is read as, for the sample table's headings; null when it is not read.</summary>
    public string? RoleOf(int column) => column switch
    {
        _ when column == DateColumn => "Date",
        _ when !DebitAndCredit && column == AmountColumn => "Amount",
        _ when DebitAndCredit && column == DebitColumn => "Debit (out)",
        _ when DebitAndCredit && column == CreditColumn => "Credit (in)",
        _ when column == DescriptionColumn => "Description",
        _ when column == PayeeColumn => "Payee",
        _ when column == MemoColumn => "Memo",
        _ => null,
    };
}
