namespace BlazorLedger.Features.Import;

/// <summary>One record of a CSV file: the line it starts on (1-based) and its fields.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    public string Field(int column) => column < Fields.Count ? Fields[column] : "";
}
