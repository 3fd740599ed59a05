namespace BlazorLedger.Features.Export;

public enum ExportFormat
{
    /// <summary>The transactions matching a search, one row per posting.</summary>
    Csv,
    /// <summary>The whole book as an hledger (and Ledger) journal.</summary>
    Hledger,
    /// <summary>The whole book as a Beancount file.</summary>
    Beancount,
}
