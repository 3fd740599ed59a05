namespace BlazorLedger.Features.Import;

/// <summary>
/// A statement file to preview for an account. Without a <paramref name="Mapping"/> a CSV file is read with the one
/// remembered for the account, else the one suggested from the file; its date and number formats, when set, are used as
/// chosen.
/// </summary>
public sealed record PreviewImport(Guid BookId, Guid AccountId, byte[] Content, CsvMapping? Mapping = null);
