using BlazorLedger.Data;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Reads bank statements in CSV: any of the usual delimiters, with or without a header, in the encodings
/// <see cref="StatementText"/> recognises. <see cref="Inspect"/> is the first look that the column mapping starts from;
/// <see cref="Read"/> turns the rows into <see cref="StatementRow"/>s with a mapping. Nothing here throws for a bad file.
/// </summary>
internal static class CsvStatementReader
{
    private const int SampleSize = 50;

    /// <summary>
    /// The first look. The delimiter, header and lines to skip are detected unless given (the person corrected them in the
    /// column mapping, and the columns must be named as they will be read).
    /// </summary>
    public static CsvPreview Inspect(byte[] content, char? delimiterChosen = null, bool? hasHeaderChosen = null, int? skipChosen = null)
    {
        if (!StatementText.TryDecode(content, out var text, out var encoding, out var decodeError))
        {
            return new CsvPreview(encoding, ',', false, 0, [], [], null, [StatementError.File(decodeError)]);
        }
        var delimiter = delimiterChosen ?? CsvDialect.DetectDelimiter(text);
        var errors = new List<StatementError>();
        var records = CsvDialect.Read(text, delimiter, errors);
        var skip = Math.Clamp(skipChosen ?? CsvDialect.DetectSkipRows(records), 0, records.Count);
        var table = records.Skip(skip).ToList();
        var hasHeader = hasHeaderChosen ?? CsvDialect.DetectHeader(table);
        var header = hasHeader && table.Count > 0 ? table[0].Fields.Select(f => f.Trim()).ToList() : null;
        var sample = table.Skip(hasHeader ? 1 : 0).Take(SampleSize).ToList();
        if (table.Count == 0 && errors.Count == 0)
        {
            errors.Add(StatementError.File("The file has no rows."));
        }
        var width = Math.Max(header?.Count ?? 0, sample.Count == 0 ? 0 : sample.Max(r => r.Fields.Count));
        var columns = Enumerable.Range(0, width)
            .Select(i => header is not null && i < header.Count && header[i].Length > 0 ? header[i] : $"Column {i + 1}").ToList();
        var suggested = CsvColumnGuess.Suggest(header, sample);
        return new CsvPreview(encoding, delimiter, hasHeader, skip, columns,
            sample.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, width).Select(r.Field).ToList()).ToList(),
            suggested is null ? null : suggested with { Delimiter = delimiter, HasHeader = hasHeader, SkipRows = skip }, errors);
    }

    /// <param name="today">Decides the century of two-digit years (see <see cref="StatementDates.TryParse"/>); today in UTC by default.</param>
    public static ParsedStatement Read(byte[] content, CsvMapping mapping, StatementAccount account, DateOnly? today = null)
    {
        var asOf = today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        if (!StatementText.TryDecode(content, out var text, out var encoding, out var decodeError))
        {
            return ParsedStatement.Failed(StatementFormat.Csv, encoding, decodeError);
        }
        if (mapping.Problems() is { Count: > 0 } problems)
        {
            return new ParsedStatement { Format = StatementFormat.Csv, Encoding = encoding, Errors = problems.Select(StatementError.File).ToList() };
        }

        var delimiter = mapping.Delimiter ?? CsvDialect.DetectDelimiter(text);
        var errors = new List<StatementError>();
        var records = CsvDialect.Read(text, delimiter, errors);
        var skip = Math.Min(mapping.SkipRows ?? CsvDialect.DetectSkipRows(records), records.Count);
        var table = records.Skip(skip).ToList();
        var hasHeader = mapping.HasHeader ?? CsvDialect.DetectHeader(table);
        var header = hasHeader && table.Count > 0 ? table[0].Fields : null;
        var data = table.Skip(hasHeader ? 1 : 0).ToList();
        if (data.Count == 0)
        {
            errors.Add(StatementError.File("The file has no rows to import."));
            return new ParsedStatement { Format = StatementFormat.Csv, Encoding = encoding, Errors = errors };
        }
        string Name(int column) => header is not null && column < header.Count && header[column].Trim().Length > 0
            ? $"\"{header[column].Trim()}\"" : $"column {column + 1}";

        var dates = ChooseDateFormat(data, mapping, asOf);
        var numbers = ChooseNumberFormat(data, mapping, account.Currency);
        if (dates.Read == 0 || numbers.Read == 0)
        {
            errors.Add(StatementError.File(dates.Read == 0
                ? $"No value in {Name(mapping.DateColumn)} is a date ({string.Join(", ", StatementDates.All.Select(StatementDates.Name))}): check the date column."
                : $"No value in {string.Join(" or ", new[] { mapping.AmountColumn, mapping.DebitColumn, mapping.CreditColumn }.OfType<int>().Select(Name))} is an amount in {account.Currency}: check the amount columns."));
            return new ParsedStatement { Format = StatementFormat.Csv, Encoding = encoding, Errors = errors };
        }
        if (dates.Choices.Count > 1 || numbers.Choices.Count > 1)
        {
            var choices = new List<StatementError>();
            if (dates.Choices.Count > 1)
            {
                choices.Add(StatementError.File(
                    $"The dates in {Name(mapping.DateColumn)} fit {string.Join(" and ", dates.Choices.Select(StatementDates.Name))}: choose the date format."));
            }
            if (numbers.Choices.Count > 1)
            {
                choices.Add(StatementError.File(
                    $"The amounts fit {string.Join(" and ", numbers.Choices.Select(StatementAmounts.Name))}, which read them differently: choose the number format."));
            }
            return new ParsedStatement
            {
                Format = StatementFormat.Csv, Encoding = encoding, Errors = errors.Concat(choices).ToList(),
                DateChoices = dates.Choices.Count > 1 ? dates.Choices : [], NumberChoices = numbers.Choices.Count > 1 ? numbers.Choices : [],
            };
        }

        var dateFormat = dates.Choices.FirstOrDefault(StatementDateFormat.YearMonthDay);
        var numberFormat = numbers.Choices.FirstOrDefault(StatementNumberFormat.PointDecimal);
        // A statement repeats its dates and many of its amounts: each distinct cell is read once, most of them already while
        // the formats were detected.
        var dateReadings = dates.Readings ?? new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        var amountReadings = numbers.Readings ?? new Dictionary<string, long?>(StringComparer.Ordinal);
        DateOnly? DateOf(string text) => dateReadings.TryGetValue(text, out var date)
            ? date
            : dateReadings[text] = StatementDates.TryParse(text, dateFormat, out var read, asOf) ? read : null;
        CellReading AmountOf(string text) => (amountReadings.TryGetValue(text, out var amount)
            ? amount
            : amountReadings[text] = StatementAmounts.TryRead(text, numberFormat, account.Currency, out var read) ? read : null) is { } minor
                ? new CellReading(minor, null)
                : new CellReading(0, "");
        var read = new List<(int Line, DateOnly Date, long Amount, string Description, string? Payee, string? Memo)>();
        foreach (var record in data)
        {
            if (ReadRow(record, mapping, DateOf, AmountOf, Name) is { } row)
            {
                read.Add(row);
            }
            else
            {
                errors.Add(RowError(record, mapping, dateFormat, asOf, numberFormat, account.Currency, Name));
            }
        }

        var occurrences = StatementFingerprint.Occurrences(read.Select(r => (r.Date, r.Amount, StatementFingerprint.Normalize(r.Description))).ToList());
        var rows = read.Select((r, i) => new StatementRow(r.Line, r.Date, r.Amount,
            StatementText.Truncate(r.Description, TransactionLimits.MaxDescription),
            r.Payee is null ? null : StatementText.Truncate(r.Payee, TransactionLimits.MaxPayee),
            r.Memo is null ? null : StatementText.Truncate(r.Memo, TransactionLimits.MaxMemo),
            StatementFingerprint.Csv(account.AccountId, r.Date, r.Amount, r.Description, occurrences[i]))).ToList();
        return new ParsedStatement
        {
            Format = StatementFormat.Csv, Encoding = encoding, Rows = rows, Errors = errors.OrderBy(e => e.Line).ToList(),
            DateFormat = dateFormat, NumberFormat = numberFormat,
        };
    }

    /// <summary>An amount cell read: its minor units, or why it does not read (null when it does).</summary>
    private readonly record struct CellReading(long Minor, string? Error);

    private static (int Line, DateOnly Date, long Amount, string Description, string? Payee, string? Memo)? ReadRow(CsvRecord record,
        CsvMapping mapping, Func<string, DateOnly?> dateOf, Func<string, CellReading> amountOf, Func<int, string> name)
    {
        if (dateOf(record.Field(mapping.DateColumn)) is not { } date || date < TransactionLimits.EarliestDate)
        {
            return null;
        }
        if (Amount(record, mapping, amountOf, name, out var amount) is not null)
        {
            return null;
        }
        var payee = mapping.PayeeColumn is { } p ? StatementText.Clean(record.Field(p)) : null;
        var memo = mapping.MemoColumn is { } m ? StatementText.Clean(record.Field(m)) : null;
        var description = (mapping.DescriptionColumn is { } d ? StatementText.Clean(record.Field(d)) : null) ?? payee ?? memo;
        return description is null ? null : (record.Line, date, amount, description, payee, memo);
    }

    /// <summary>Why <see cref="ReadRow"/> refused <paramref name="record"/>: the first cell at fault.</summary>
    private static StatementError RowError(CsvRecord record, CsvMapping mapping, StatementDateFormat dateFormat, DateOnly today,
        StatementNumberFormat numberFormat,
        string currency, Func<int, string> name)
    {
        var missing = mapping.Columns().Where(c => c.Column >= record.Fields.Count && c.Role is "date" or "amount").Select(c => c.Column).ToList();
        if (missing.Count > 0)
        {
            return new StatementError(record.Line, 0,
                $"The line has {record.Fields.Count} field{(record.Fields.Count == 1 ? "" : "s")}; {name(missing[0])} is missing.");
        }
        var dateText = record.Field(mapping.DateColumn).Trim();
        if (!StatementDates.TryParse(dateText, dateFormat, out var date, today))
        {
            return new StatementError(record.Line, mapping.DateColumn + 1, dateText.Length == 0
                ? $"The date ({name(mapping.DateColumn)}) is empty."
                : $"\"{dateText}\" is not a date in the format {StatementDates.Name(dateFormat)}.");
        }
        if (date < TransactionLimits.EarliestDate)
        {
            return new StatementError(record.Line, mapping.DateColumn + 1, $"{date:yyyy-MM-dd} is before {TransactionLimits.EarliestDate:yyyy}.");
        }
        CellReading AmountOf(string text) =>
            StatementAmounts.TryRead(text, numberFormat, currency, out var minor, out var error) ? new CellReading(minor, null) : new CellReading(0, error);
        if (Amount(record, mapping, AmountOf, name, out _) is { } amountError)
        {
            return amountError;
        }
        return new StatementError(record.Line, (mapping.DescriptionColumn ?? mapping.PayeeColumn ?? mapping.MemoColumn ?? 0) + 1,
            "The row has no description.");
    }

    /// <summary>The row's amount from its amount column, or from its debit and credit columns; null when it reads, else the error.</summary>
    private static StatementError? Amount(CsvRecord record, CsvMapping mapping, Func<string, CellReading> amountOf,
        Func<int, string> name, out long amount)
    {
        amount = 0;
        if (mapping.AmountColumn is { } column)
        {
            if (ReadCell(record, column, amountOf, name, out amount) is { } error)
            {
                return error;
            }
            if (record.Field(column).Trim().Length == 0)
            {
                return new StatementError(record.Line, column + 1, $"The amount ({name(column)}) is empty.");
            }
        }
        else
        {
            long debit = 0, credit = 0;
            if ((mapping.DebitColumn is { } d ? ReadCell(record, d, amountOf, name, out debit) : null) is { } debitError)
            {
                return debitError;
            }
            if ((mapping.CreditColumn is { } c ? ReadCell(record, c, amountOf, name, out credit) : null) is { } creditError)
            {
                return creditError;
            }
            var empty = new[] { mapping.DebitColumn, mapping.CreditColumn }.OfType<int>().All(i => record.Field(i).Trim().Length == 0);
            if (empty)
            {
                return new StatementError(record.Line, (mapping.DebitColumn ?? mapping.CreditColumn!.Value) + 1, "Both the debit and the credit are empty.");
            }
            // Banks write money out in the debit column with or without a minus: either way it leaves the account.
            amount = Math.Abs(credit) - Math.Abs(debit);
        }
        if (mapping.NegateAmounts)
        {
            amount = -amount;
        }
        return null;
    }

    private static StatementError? ReadCell(CsvRecord record, int column, Func<string, CellReading> amountOf, Func<int, string> name, out long amount)
    {
        amount = 0;
        var text = record.Field(column);
        if (text.Trim().Length == 0)
        {
            return null;
        }
        var reading = amountOf(text);
        amount = reading.Minor;
        return reading.Error is null ? null : new StatementError(record.Line, column + 1, $"{name(column)}: {reading.Error}");
    }

    /// <summary>
    /// The chosen date format, or those that read the most dates of the file. Several remain only when they read some date
    /// differently (03/04/2026): then the person must choose.
    /// </summary>
    /// <returns>
    /// The candidates, how many cells the best of them reads (-1 when the format was chosen), and the first candidate's
    /// reading of each distinct cell (null when the format was chosen).
    /// </returns>
    private static (IReadOnlyList<StatementDateFormat> Choices, int Read, Dictionary<string, DateOnly?>? Readings) ChooseDateFormat(
        List<CsvRecord> data, CsvMapping mapping, DateOnly today)
    {
        if (mapping.DateFormat is { } chosen)
        {
            return ([chosen], -1, null);
        }
        var cells = DistinctCells(data.Select(r => r.Field(mapping.DateColumn)));
        var readings = StatementDates.All.Select(f => (Format: f, Dates: cells.Select(c => StatementDates.TryParse(c.Text, f, out var d, today) ? d : (DateOnly?)null).ToList()))
            .ToList();
        var read = readings.Select(r => Read(cells, r.Dates)).ToList();
        var best = read.Max();
        var candidates = readings.Where((_, i) => read[i] == best).ToList();
        return (Distinct(candidates.Select(c => (c.Format, c.Dates)).ToList()), best, Readings(cells, candidates[0].Dates));
    }

    /// <summary>As <see cref="ChooseDateFormat"/>, for the amount columns.</summary>
    private static (IReadOnlyList<StatementNumberFormat> Choices, int Read, Dictionary<string, long?>? Readings) ChooseNumberFormat(
        List<CsvRecord> data, CsvMapping mapping, string currency)
    {
        if (mapping.NumberFormat is { } chosen)
        {
            return ([chosen], -1, null);
        }
        var columns = new[] { mapping.AmountColumn, mapping.DebitColumn, mapping.CreditColumn }.OfType<int>().ToList();
        var cells = DistinctCells(data.SelectMany(r => columns.Select(r.Field)));
        var readings = StatementAmounts.All
            .Select(f => (Format: f, Amounts: cells.Select(c => StatementAmounts.TryRead(c.Text, f, currency, out var a) ? a : (long?)null).ToList()))
            .ToList();
        var read = readings.Select(r => Read(cells, r.Amounts)).ToList();
        var best = read.Max();
        var candidates = readings.Where((_, i) => read[i] == best).ToList();
        return (Distinct(candidates.Select(c => (c.Format, c.Amounts)).ToList()), best, Readings(cells, candidates[0].Amounts));
    }

    private static Dictionary<string, TValue?> Readings<TValue>(List<(string Text, int Count)> cells, List<TValue?> values) where TValue : struct =>
        cells.Select((c, i) => (c.Text, Value: values[i])).ToDictionary(c => c.Text, c => c.Value, StringComparer.Ordinal);

    /// <summary>
    /// The non-empty cells, each value once with how often it occurs: a format reads a value the same way wherever it is,
    /// and a statement repeats its dates and many of its amounts, so each format tries each value once.
    /// </summary>
    private static List<(string Text, int Count)> DistinctCells(IEnumerable<string> cells) =>
        cells.Where(c => c.Trim().Length > 0).CountBy(c => c, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).ToList();

    /// <summary>How many cells of the file a format read: the occurrences of the values it read.</summary>
    private static int Read<TValue>(List<(string Text, int Count)> cells, List<TValue?> values) where TValue : struct =>
        cells.Where((_, i) => values[i] is not null).Sum(c => c.Count);

    /// <summary>The candidates, less those that read every cell exactly as an earlier one does: they need no choosing.</summary>
    private static List<TFormat> Distinct<TFormat, TValue>(List<(TFormat Format, List<TValue> Values)> candidates)
    {
        var kept = new List<(TFormat Format, List<TValue> Values)>();
        foreach (var candidate in candidates)
        {
            if (!kept.Any(k => k.Values.SequenceEqual(candidate.Values)))
            {
                kept.Add(candidate);
            }
        }
        return kept.Select(k => k.Format).ToList();
    }
}
