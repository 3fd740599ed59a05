namespace BlazorLedger.Features.Import;

/// <summary>
/// What an import would do: every row of the file marked new, duplicate or invalid, with the other account proposed for
/// each new one. <see cref="FileErrors"/> (with <see cref="DateChoices"/> and <see cref="NumberChoices"/>) say why the file
/// as a whole could not be read; then there are no rows. For CSV, <see cref="Csv"/> is the file as the column mapping sees
/// it and <see cref="Mapping"/> the mapping the rows were read with.
/// </summary>
public sealed record ImportPreview
{
    public required StatementFormat Format { get; init; }
    public required string Encoding { get; init; }
    public required ImportAccount Account { get; init; }

    /// <summary>The accounts a row can be posted against: open, in the statement's currency, not the statement's account.</summary>
    public required IReadOnlyList<ImportAccount> OtherAccounts { get; init; }

    public CsvPreview? Csv { get; init; }
    public CsvMapping? Mapping { get; init; }

    /// <summary>True when <see cref="Mapping"/> is the one remembered from the account's last import.</summary>
    public bool MappingRemembered { get; init; }

    /// <summary>The formats the rows were read with (CSV), chosen or detected.</summary>
    public StatementDateFormat? DateFormat { get; init; }
    public StatementNumberFormat? NumberFormat { get; init; }

    public IReadOnlyList<PreviewRow> Rows { get; init; } = [];
    public IReadOnlyList<StatementError> FileErrors { get; init; } = [];
    public IReadOnlyList<StatementDateFormat> DateChoices { get; init; } = [];
    public IReadOnlyList<StatementNumberFormat> NumberChoices { get; init; } = [];
    public StatementBankAccount? BankAccount { get; init; }

    public bool FileFailed => FileErrors.Count > 0 || DateChoices.Count > 0 || NumberChoices.Count > 0;

    public int NewCount => Rows.Count(r => r.State == PreviewRowState.New);
    public int DuplicateCount => Rows.Count(r => r.State == PreviewRowState.Duplicate);
    public int InvalidCount => Rows.Count(r => r.State == PreviewRowState.Invalid);
    public int MatchedCount => Rows.Count(r => r.State == PreviewRowState.Matched);

    /// <summary>The mapping to remember for the account after an import: as used, with the formats the rows were read with.</summary>
    public CsvMapping? MappingToRemember => Mapping is null ? null
        : Mapping with { DateFormat = DateFormat ?? Mapping.DateFormat, NumberFormat = NumberFormat ?? Mapping.NumberFormat };
}
