namespace BlazorLedger.Features.Export;

/// <summary>What a download is called and what it holds, known once access is granted and before its first byte.</summary>
public sealed record ExportFile(string FileName, string ContentType);
