namespace BlazorLedger.Features.Export;

/// <summary>A plain-text accounting format: the text before the transactions, then each transaction's text in date and number order.</summary>
internal interface IBookFormat
{
    ExportFile File { get; }

    string Header();

    string Transaction(ExportTransaction transaction);
}
