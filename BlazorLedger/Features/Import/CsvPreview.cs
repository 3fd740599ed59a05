namespace BlazorLedger.Features.Import;

/// <summary>
/// A first look at a CSV file for the column-mapping step: how it was decoded and split, its column names (the header's, or
/// "Column 1"... without one), its first rows, and a suggested mapping when the columns could be recognised.
/// </summary>
public sealed record CsvPreview(string Encoding, char Delimiter, bool HasHeader, int SkipRows, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> SampleRows, CsvMapping? Suggested, IReadOnlyList<StatementError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
