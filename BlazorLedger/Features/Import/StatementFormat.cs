namespace BlazorLedger.Features.Import;

public enum StatementFormat
{
    Csv,
    Ofx,
}
