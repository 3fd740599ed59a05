namespace BlazorLedger.Features.Import;

/// <summary>
/// Why a file or a row of it cannot be read. <paramref name="Line"/> and <paramref name="Column"/> count from 1; a line of 0
/// means the whole file, a column of 0 the whole line. In a CSV file the column is the field's position, in an OFX file the
/// character's.
/// </summary>
public sealed record StatementError(int Line, int Column, string Message)
{
    public static StatementError File(string message) => new(0, 0, message);

    public override string ToString() =>
        Line == 0 ? Message : Column == 0 ? $"Line {Line}: {Message}" : $"Line {Line}, column {Column}: {Message}";
}
