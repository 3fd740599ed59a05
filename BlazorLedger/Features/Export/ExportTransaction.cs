namespace BlazorLedger.Features.Export;

/// <summary>
/// A transaction as the journal formats write it; a void's reversal names the number of the transaction it reverses, and a
/// correction's replacement the number of the transaction it corrects.
/// </summary>
public sealed record ExportTransaction(long Number, DateOnly Date, string Description, string? Payee, long? ReversesNumber,
    IReadOnlyList<ExportPosting> Postings, IReadOnlyList<string>? Tags = null, long? CorrectsNumber = null);
