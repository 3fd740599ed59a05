using CsvHelper;

namespace BlazorLedger.Features.Import;

/// <summary>Splits CSV text into records, and recognises what a statement file leaves unsaid: its delimiter, the lines before its table, its header.</summary>
internal static class CsvDialect
{
    public static readonly char[] Delimiters = [',', ';', '\t', '|'];

    private const int LinesLooked = 50;

    public static string DelimiterName(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => "vertical bar",
    };

    /// <summary>
    /// The delimiter that splits the most of the first lines into the same number of fields (more fields break ties:
    /// "01.02.2026;-12,50" splits consistently on both, and the semicolon is the delimiter). Quoted text does not count.
    /// </summary>
    public static char DetectDelimiter(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(LinesLooked).ToList();
        var best = ',';
        (int Lines, int Fields) bestScore = (-1, -1);
        foreach (var delimiter in Delimiters)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, delimiter)).ToList();
            var modal = counts.Where(c => c > 0).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault();
            var score = modal is null ? (0, 0) : (modal.Count(), modal.Key);
            if (score.CompareTo(bestScore) > 0)
            {
                (best, bestScore) = (delimiter, score);
            }
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Every record of <paramref name="text"/>; records with broken quoting are left out and described in <paramref name="errors"/>.</summary>
    public static List<CsvRecord> Read(string text, char delimiter, List<StatementError> errors)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = malformed.Add,
            IncludeValuesInExceptions = false,
        };
        var records = new List<CsvRecord>();
        using (var reader = CsvReader.FromText(text, options))
        {
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i) ?? "";
                }
                if (fields.All(f => f.Trim().Length == 0))
                {
                    continue;
                }
                records.Add(new CsvRecord(checked((int)reader.LineNumber), fields));
            }
        }
        foreach (var bad in malformed.Where(m => m.Reason != CsvMalformedReason.FieldCountMismatch))
        {
            errors.Add(new StatementError(checked((int)bad.LineNumber), 0, bad.Reason switch
            {
                CsvMalformedReason.UnterminatedQuote => "A quote opened on this line is never closed; the rest of the file could not be read.",
                CsvMalformedReason.TextAfterClosingQuote => "There is text after the closing quote of a field.",
                CsvMalformedReason.StrayQuote => "A field that does not start with a quote contains one.",
                _ => "The line's quoting is broken.",
            }));
        }
        return records;
    }

    /// <summary>
    /// How many records come before the table: the table is the first record with as many fields as most records have,
    /// so an account summary above it (fewer fields per line) is skipped.
    /// </summary>
    public static int DetectSkipRows(IReadOnlyList<CsvRecord> records)
    {
        var modal = records.Where(r => r.Fields.Count > 1).GroupBy(r => r.Fields.Count)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault()?.Key;
        if (modal is null)
        {
            return 0;
        }
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Fields.Count == modal)
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>The first record is a header when none of its cells is a date while the next record has one.</summary>
    public static bool DetectHeader(IReadOnlyList<CsvRecord> table)
    {
        if (table.Count == 0 || table[0].Fields.Any(StatementDates.LooksLikeDate))
        {
            return false;
        }
        return table.Count == 1 || table[1].Fields.Any(StatementDates.LooksLikeDate);
    }
}
