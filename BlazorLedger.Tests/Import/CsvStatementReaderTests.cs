using System.Text;
using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class CsvStatementReaderTests
{
    private static readonly StatementAccount Giro = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000001"), "EUR");
    private static readonly StatementAccount Checking = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000002"), "USD");

    [Fact]
    public void A_German_bank_export_in_Windows_1252_is_recognised_and_read_exactly()
    {
        var preview = CsvStatementReader.Inspect(StatementFiles.German);

        Assert.True(preview.Succeeded, string.Join("; ", preview.Errors));
        Assert.Equal("Windows-1252 (Latin-1)", preview.Encoding);
        Assert.Equal(';', preview.Delimiter);
        Assert.Equal(3, preview.SkipRows);
        Assert.True(preview.HasHeader);
        Assert.Equal("Auftraggeber / Begünstigter", preview.Columns[3]);
        var mapping = Assert.IsType<CsvMapping>(preview.Suggested);
        Assert.Equal((0, 7, 4, 3), (mapping.DateColumn, mapping.AmountColumn!.Value, mapping.DescriptionColumn!.Value, mapping.PayeeColumn!.Value));

        var statement = CsvStatementReader.Read(StatementFiles.German, mapping, Giro);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal(StatementDateFormat.DayMonthYearDots, statement.DateFormat);
        Assert.Equal(StatementNumberFormat.CommaDecimal, statement.NumberFormat);
        Assert.Equal(
        [
            (6, new DateOnly(2026, 3, 2), -4567L, "Einkauf vom 01.03. Filiale Köln", "REWE Markt GmbH"),
            (7, new DateOnly(2026, 3, 3), 234500L, "Gehalt März 2026", "Müller & Söhne KG"),
            (8, new DateOnly(2026, 3, 5), -350L, "Brötchen", "Bäckerei Schäfer"),
            (9, new DateOnly(2026, 3, 5), -350L, "Brötchen", "Bäckerei Schäfer"),
            (10, new DateOnly(2026, 3, 15), -123456L, "Miete März", "Hausverwaltung Weiß"),
            (11, new DateOnly(2026, 3, 31), -200L, "Kontoführung 2,00 €", null),
        ], statement.Rows.Select(r => (r.Line, r.Date, r.Amount, r.Description, r.Payee)));
    }

    [Fact]
    public void A_US_bank_export_with_debit_and_credit_columns_reads_money_out_as_negative()
    {
        var preview = CsvStatementReader.Inspect(StatementFiles.Us);
        Assert.Equal(',', preview.Delimiter);
        var mapping = Assert.IsType<CsvMapping>(preview.Suggested);
        Assert.Equal((0, 1, 2, 3), (mapping.DateColumn, mapping.DescriptionColumn!.Value, mapping.DebitColumn!.Value, mapping.CreditColumn!.Value));
        Assert.Null(mapping.AmountColumn);

        var statement = CsvStatementReader.Read(StatementFiles.Us, mapping, Checking);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal(StatementDateFormat.MonthDayYearSlashes, statement.DateFormat);
        Assert.Equal(
        [
            (new DateOnly(2026, 1, 5), -475L, "STARBUCKS #1234 SEATTLE WA"),
            (new DateOnly(2026, 1, 5), -475L, "STARBUCKS #1234 SEATTLE WA"),
            (new DateOnly(2026, 1, 13), 250000L, "PAYROLL ACME CORP"),
            (new DateOnly(2026, 1, 15), -120000L, "RENT, JANUARY"),
            (new DateOnly(2026, 1, 31), 12L, "INTEREST PAID"),
        ], statement.Rows.Select(r => (r.Date, r.Amount, r.Description)));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-8")]
    public void Files_with_a_byte_order_mark_are_decoded_by_it(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Datum\tText\tBetrag\n2026-03-02\tCafé ☕\t-3.50\n")).ToArray();

        var statement = StatementReader.Read(bytes, Giro, mapping: null);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        var row = Assert.Single(statement.Rows);
        Assert.Equal(("Café ☕", -350L), (row.Description, row.Amount));
    }

    [Theory]
    [InlineData('|')]
    [InlineData('\t')]
    [InlineData(';')]
    public void The_delimiter_is_detected_without_a_header(char delimiter)
    {
        var text = string.Join('\n', "2026-01-02|Groceries|-12.30", "2026-01-03|Salary|1,500.00", "2026-01-04|Rent, flat 2|-700.00")
            .Replace('|', delimiter);

        var preview = CsvStatementReader.Inspect(Encoding.UTF8.GetBytes(text));
        var statement = CsvStatementReader.Read(Encoding.UTF8.GetBytes(text), preview.Suggested!, Checking);

        Assert.Equal(delimiter, preview.Delimiter);
        Assert.False(preview.HasHeader);
        Assert.Equal(["Column 1", "Column 2", "Column 3"], preview.Columns);
        Assert.Equal([-1230L, 150000L, -70000L], statement.Rows.Select(r => r.Amount));
        Assert.Equal("Rent, flat 2", statement.Rows[2].Description);
    }

    [Fact]
    public void Dates_that_fit_two_formats_are_not_guessed_and_the_choice_is_asked_for()
    {
        var file = Encoding.UTF8.GetBytes("Date,Description,Amount\n03/04/2026,Gas,-40.00\n05/06/2026,Power,-60.00\n");
        var mapping = new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 };

        var asked = CsvStatementReader.Read(file, mapping, Checking);
        var chosen = CsvStatementReader.Read(file, mapping with { DateFormat = StatementDateFormat.DayMonthYearSlashes }, Checking);

        Assert.Empty(asked.Rows);
        Assert.Equal([StatementDateFormat.MonthDayYearSlashes, StatementDateFormat.DayMonthYearSlashes], asked.DateChoices);
        Assert.Contains("MM/dd/yyyy and dd/MM/yyyy", Assert.Single(asked.Errors).Message);
        Assert.True(chosen.Succeeded);
        Assert.Equal([new DateOnly(2026, 4, 3), new DateOnly(2026, 6, 5)], chosen.Rows.Select(r => r.Date));
    }

    [Fact]
    public void One_date_that_only_one_format_reads_settles_the_format_for_the_whole_file()
    {
        var file = Encoding.UTF8.GetBytes("03/04/2026,Gas,-40.00\n25/06/2026,Power,-60.00\n");

        var statement = CsvStatementReader.Read(file, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 }, Checking);

        Assert.Equal(StatementDateFormat.DayMonthYearSlashes, statement.DateFormat);
        Assert.Equal(new DateOnly(2026, 4, 3), statement.Rows[0].Date);
    }

    [Fact]
    public void Amounts_that_two_number_formats_read_differently_are_asked_about()
    {
        // Bahraini dinars have three decimals: "1,250" is 1.250 or 1250.000.
        var file = Encoding.UTF8.GetBytes("2026-01-02;Fee;-1,250\n2026-01-03;Refund;2,500\n");
        var mapping = new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 };
        var dinars = new StatementAccount(Guid.NewGuid(), "BHD");

        var asked = CsvStatementReader.Read(file, mapping, dinars);
        var chosen = CsvStatementReader.Read(file, mapping with { NumberFormat = StatementNumberFormat.CommaDecimal }, dinars);

        Assert.Equal([StatementNumberFormat.PointDecimal, StatementNumberFormat.CommaDecimal], asked.NumberChoices);
        Assert.Empty(asked.Rows);
        Assert.Equal([-1250L, 2500L], chosen.Rows.Select(r => r.Amount));
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_column_and_the_good_rows_are_still_read()
    {
        var file = Encoding.UTF8.GetBytes(string.Join('\n',
            "Date,Description,Amount",
            "2026-01-02,Groceries,-12.30",
            "2026-02-30,Impossible day,-1.00",
            "2026-01-04,Too precise,-1.234",
            "2026-01-05,,-5.00",
            "2026-01-06,Short line",
            "2026-01-07,Fine,(8.00)"));

        var statement = CsvStatementReader.Read(file, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 }, Checking);

        Assert.False(statement.Succeeded);
        Assert.False(statement.FileFailed);
        Assert.Equal([(2, -1230L), (7, -800L)], statement.Rows.Select(r => (r.Line, r.Amount)));
        Assert.Equal(
        [
            (3, 1, "\"2026-02-30\" is not a date in the format yyyy-MM-dd."),
            (4, 3, "\"Amount\": \"-1.234\" has 3 decimal places; USD has 2."),
            (5, 2, "The row has no description."),
            (6, 0, "The line has 2 fields; \"Amount\" is missing."),
        ], statement.Errors.Select(e => (e.Line, e.Column, e.Message)));
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_reported_at_its_line()
    {
        var file = Encoding.UTF8.GetBytes("2026-01-02,Groceries,-12.30\n2026-01-03,\"Unclosed,-1.00\n2026-01-04,Rent,-700.00\n");

        var statement = CsvStatementReader.Read(file, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 }, Checking);

        var error = Assert.Single(statement.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("never closed", error.Message);
        Assert.Equal([-1230L], statement.Rows.Select(r => r.Amount));
    }

    [Theory]
    [InlineData(new byte[0], "The file is empty.")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00 }, "This is not a text file")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0xD8 }, "not valid UTF-16")]
    public void Files_that_are_not_statements_get_a_clear_message_and_no_exception(byte[] file, string message)
    {
        var statement = StatementReader.Read(file, Checking, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 });

        Assert.True(statement.FileFailed);
        Assert.Contains(message, Assert.Single(statement.Errors).Message);
    }

    [Fact]
    public void A_column_that_holds_no_dates_is_refused_as_a_whole()
    {
        var statement = CsvStatementReader.Read(StatementFiles.Us, new CsvMapping { DateColumn = 1, DescriptionColumn = 0, AmountColumn = 4 }, Checking);

        Assert.True(statement.FileFailed);
        Assert.Contains("No value in \"Description\" is a date", Assert.Single(statement.Errors).Message);
    }

    [Fact]
    public void A_mapping_that_uses_one_column_twice_is_refused_before_reading()
    {
        var statement = CsvStatementReader.Read(StatementFiles.Us, new CsvMapping { DateColumn = 0, DescriptionColumn = 0, AmountColumn = 2 }, Checking);

        Assert.Equal("Column 1 is chosen as both date and description.", Assert.Single(statement.Errors).Message);
    }

    [Fact]
    public void Negated_amounts_flip_the_sign_for_banks_that_show_charges_as_positive()
    {
        var file = Encoding.UTF8.GetBytes("2026-01-02,Book shop,25.00\n2026-01-09,Payment received,-100.00\n");

        var statement = CsvStatementReader.Read(file, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2, NegateAmounts = true }, Checking);

        Assert.Equal([-2500L, 10000L], statement.Rows.Select(r => r.Amount));
    }

    [Fact]
    public void A_German_export_with_two_digit_years_is_read_across_the_turn_of_the_year()
    {
        var preview = CsvStatementReader.Inspect(StatementFiles.GermanShortYear);
        var mapping = Assert.IsType<CsvMapping>(preview.Suggested);
        Assert.Equal((1, 8, 4, 5), (mapping.DateColumn, mapping.AmountColumn!.Value, mapping.DescriptionColumn!.Value, mapping.PayeeColumn!.Value));

        var statement = CsvStatementReader.Read(StatementFiles.GermanShortYear, mapping, Giro);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal(StatementDateFormat.DayMonthShortYearDots, statement.DateFormat);
        Assert.Equal(
        [
            (2, new DateOnly(2025, 12, 30), -7800L, "Strom Dezember Kd-Nr. 4711", "Stadtwerke Düsseldorf AG"),
            (3, new DateOnly(2025, 12, 31), -495L, "Abrechnung 31.12.2025", null),
            (4, new DateOnly(2026, 1, 2), 112340L, "Rückzahlung Nebenkosten 2025", "Hausverwaltung Weiß"),
            (5, new DateOnly(2026, 1, 5), -680L, "Bäckerei Schäfer Köln", "Bäckerei Schäfer"),
        ], statement.Rows.Select(r => (r.Line, r.Date, r.Amount, r.Description, r.Payee)));
    }

    [Fact]
    public void Four_digit_years_are_never_read_as_two_digit_ones_or_the_other_way_round()
    {
        var mapping = new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 };

        var longYears = CsvStatementReader.Read(Encoding.UTF8.GetBytes("02.03.2026;Miete;-700,00\n"), mapping, Giro);
        var shortYears = CsvStatementReader.Read(Encoding.UTF8.GetBytes("02.03.26;Miete;-700,00\n"), mapping, Giro);

        Assert.Equal((StatementDateFormat.DayMonthYearDots, new DateOnly(2026, 3, 2)), (longYears.DateFormat, longYears.Rows.Single().Date));
        Assert.Equal((StatementDateFormat.DayMonthShortYearDots, new DateOnly(2026, 3, 2)), (shortYears.DateFormat, shortYears.Rows.Single().Date));
    }

    [Fact]
    public void Two_digit_dates_that_fit_day_first_and_month_first_are_asked_about_until_one_date_settles_it()
    {
        var mapping = new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 };
        var today = new DateOnly(2026, 12, 2);

        var asked = CsvStatementReader.Read(Encoding.UTF8.GetBytes("03/04/26,Gas,-40.00\n05/06/26,Power,-60.00\n"), mapping, Checking, today);
        var settled = CsvStatementReader.Read(Encoding.UTF8.GetBytes("3/4/26,Gas,-40.00\n25/6/26,Power,-60.00\n"), mapping, Checking, today);

        Assert.Equal([StatementDateFormat.MonthDayShortYearSlashes, StatementDateFormat.DayMonthShortYearSlashes], asked.DateChoices);
        Assert.Contains("MM/dd/yy and dd/MM/yy", Assert.Single(asked.Errors).Message);
        Assert.Equal(StatementDateFormat.DayMonthShortYearSlashes, settled.DateFormat);
        Assert.Equal([new DateOnly(2026, 4, 3), new DateOnly(2026, 6, 25)], settled.Rows.Select(r => r.Date));
    }

    [Fact]
    public void A_date_in_the_wrong_two_digit_format_is_reported_with_the_format_expected()
    {
        var file = Encoding.UTF8.GetBytes("02.01.26;Miete;-700,00\n2026-01-03;Strom;-80,00\n");

        var statement = CsvStatementReader.Read(file, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2,
            DateFormat = StatementDateFormat.DayMonthShortYearDots }, Giro);

        Assert.Equal(new DateOnly(2026, 1, 2), Assert.Single(statement.Rows).Date);
        Assert.Equal((2, 1, "\"2026-01-03\" is not a date in the format dd.MM.yy."),
            Assert.Single(statement.Errors) is var e ? (e.Line, e.Column, e.Message) : default);
    }

    [Theory]
    [InlineData(false, "UTF-16")]
    [InlineData(true, "UTF-16 (big-endian)")]
    public void UTF_16_without_a_byte_order_mark_is_recognised_by_its_zero_bytes(bool bigEndian, string encodingName)
    {
        var file = StatementFiles.Utf16Bytes(StatementFiles.UnicodeTabsText, bigEndian);

        var preview = CsvStatementReader.Inspect(file);
        var statement = StatementReader.Read(file, Checking, mapping: null);

        Assert.Equal((encodingName, '\t', true), (preview.Encoding, preview.Delimiter, preview.HasHeader));
        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal(StatementDateFormat.MonthDayShortYearSlashes, statement.DateFormat);
        Assert.Equal(
        [
            (new DateOnly(2026, 11, 28), -540L, "スターバックス 渋谷店"),
            (new DateOnly(2026, 11, 29), -1200L, "Café Olé ☕"),
            (new DateOnly(2026, 12, 1), 25000L, "PAYMENT - THANK YOU"),
        ], statement.Rows.Select(r => (r.Date, r.Amount, r.Description)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_that_is_mostly_outside_Latin_in_UTF_16_without_a_mark_is_still_recognised(bool bigEndian)
    {
        var text = "日付\t摘要\t金額\n2026-11-02\t東京電力エナジーパートナー株式会社 電気料金\t-8,420\n2026-11-25\t給与振込 株式会社山田製作所\t312,000\n";
        var yen = new StatementAccount(Guid.NewGuid(), "JPY");

        var statement = StatementReader.Read(StatementFiles.Utf16Bytes(text, bigEndian), yen, mapping: null);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal([(-8420L, "東京電力エナジーパートナー株式会社 電気料金"), (312000L, "給与振込 株式会社山田製作所")],
            statement.Rows.Select(r => (r.Amount, r.Description)));
    }

    public static TheoryData<byte[]> LookAlikes => new()
    {
        // An odd number of bytes cannot be UTF-16.
        new byte[] { 0x31, 0x00, 0x2C, 0x00, 0x32 },
        // Zeros in the right places, but a high surrogate with no low one after it.
        (byte[])[.. Encoding.Unicode.GetBytes("2026-01-02,Rent,-700.00\n"), 0x00, 0xD8, .. Encoding.Unicode.GetBytes(",x\n")],
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Bytes_that_only_look_like_UTF_16_are_refused_as_not_text(byte[] file)
    {
        var statement = StatementReader.Read(file, Checking, new CsvMapping { DateColumn = 0, DescriptionColumn = 1, AmountColumn = 2 });

        Assert.True(statement.FileFailed);
        Assert.Contains("This is not a text file", Assert.Single(statement.Errors).Message);
    }
}
