namespace BlazorLedger.Features.Import;

/// <summary>
/// What was read from a statement file: the rows that could be read and, in <see cref="Errors"/>, every row or part of the
/// file that could not, with its line and column. A file-level error (line 0) means no rows were read. When the data fits
/// several date or number formats that would read it differently, nothing is guessed: <see cref="DateChoices"/> or
/// <see cref="NumberChoices"/> lists the candidates and the caller reads again with one chosen.
/// </summary>
public sealed record ParsedStatement
{
    public required StatementFormat Format { get; init; }

    /// <summary>How the bytes were decoded, e.g. "UTF-8" or "Windows-1252 (Latin-1)".</summary>
    public required string Encoding { get; init; }

    public IReadOnlyList<StatementRow> Rows { get; init; } = [];

    public IReadOnlyList<StatementError> Errors { get; init; } = [];

    /// <summary>The date format the rows were read with (CSV), chosen or detected.</summary>
    public StatementDateFormat? DateFormat { get; init; }

    /// <summary>The number format the amounts were read with (CSV), chosen or detected.</summary>
    public StatementNumberFormat? NumberFormat { get; init; }

    /// <summary>Non-empty when the dates fit several formats that read them differently: ask which one is meant.</summary>
    public IReadOnlyList<StatementDateFormat> DateChoices { get; init; } = [];

    /// <summary>Non-empty when the amounts fit several number formats that read them differently: ask which one is meant.</summary>
    public IReadOnlyList<StatementNumberFormat> NumberChoices { get; init; } = [];

    /// <summary>The bank account the statement says it is for (OFX), if it says.</summary>
    public StatementBankAccount? BankAccount { get; init; }

    /// <summary>True when the whole file could be read: no errors and nothing left to choose.</summary>
    public bool Succeeded => Errors.Count == 0 && DateChoices.Count == 0 && NumberChoices.Count == 0;

    /// <summary>True when the file as a whole could not be read (not a row of it).</summary>
    public bool FileFailed => Errors.Any(e => e.Line == 0) || DateChoices.Count > 0 || NumberChoices.Count > 0;

    public static ParsedStatement Failed(StatementFormat format, string encoding, string message) =>
        new() { Format = format, Encoding = encoding, Errors = [StatementError.File(message)] };
}
