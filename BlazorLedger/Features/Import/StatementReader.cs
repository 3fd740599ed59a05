namespace BlazorLedger.Features.Import;

/// <summary>The import's one entry point for files: tells OFX from CSV by content (not by file name) and reads either.</summary>
internal static class StatementReader
{
    /// <summary>OFX when the file has an OFX header or root element, CSV otherwise (including files that are not text at all).</summary>
    public static StatementFormat FormatOf(byte[] content) =>
        StatementText.TryDecode(content, out var text, out _, out _) && OfxParser.LooksLikeOfx(text) ? StatementFormat.Ofx : StatementFormat.Csv;

    /// <summary>
    /// Reads the statement. An OFX file needs no mapping; a CSV file needs one (start from <see cref="CsvStatementReader.Inspect"/>'s
    /// suggestion, or the one remembered for the account).
    /// </summary>
    public static ParsedStatement Read(byte[] content, StatementAccount account, CsvMapping? mapping)
    {
        if (FormatOf(content) == StatementFormat.Ofx)
        {
            return OfxStatementReader.Read(content, account);
        }
        if (mapping is null)
        {
            var preview = CsvStatementReader.Inspect(content);
            if (!preview.Succeeded || preview.Suggested is null)
            {
                return new ParsedStatement
                {
                    Format = StatementFormat.Csv, Encoding = preview.Encoding,
                    Errors = preview.Errors.Count > 0 ? preview.Errors
                        : [StatementError.File("The date and amount columns could not be recognised: choose them.")],
                };
            }
            mapping = preview.Suggested;
        }
        return CsvStatementReader.Read(content, mapping, account);
    }
}
