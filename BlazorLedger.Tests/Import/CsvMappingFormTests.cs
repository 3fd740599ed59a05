using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class CsvMappingFormTests
{
    private static readonly CsvPreview Us = CsvStatementReader.Inspect(StatementFiles.Us);

    [Fact]
    public void A_suggested_mapping_fills_the_form_and_the_form_gives_it_back()
    {
        var form = CsvMappingForm.From(Us.Suggested, Us);

        Assert.Equal((',', true, 0, true), (form.Delimiter, form.HasHeader, form.SkipRows, form.DebitAndCredit));
        Assert.Equal((0, 2, 3, 1), (form.DateColumn, form.DebitColumn, form.CreditColumn, form.DescriptionColumn));
        Assert.Empty(form.Problems());
        Assert.Equal(Us.Suggested, form.ToMapping());
    }

    [Fact]
    public void Without_a_mapping_the_form_has_the_files_dialect_and_asks_for_the_columns()
    {
        var form = CsvMappingForm.From(null, Us);

        Assert.Equal((',', true, null), (form.Delimiter, form.HasHeader, form.DateColumn));
        Assert.Equal(["Choose the date column.", "Choose the amount column.", "Choose the description column."], form.Problems());
    }

    [Fact]
    public void Only_the_amount_columns_of_the_chosen_kind_are_kept_and_each_kind_says_what_it_lacks()
    {
        var form = CsvMappingForm.From(Us.Suggested, Us);

        form.DebitAndCredit = false;
        Assert.Equal(["Choose the amount column."], form.Problems());
        form.AmountColumn = 2;
        var mapping = form.ToMapping();
        Assert.Equal((2, (int?)null, (int?)null), (mapping.AmountColumn!.Value, mapping.DebitColumn, mapping.CreditColumn));

        form.DebitAndCredit = true;
        form.DebitColumn = form.CreditColumn = null;
        Assert.Equal(["Choose the debit column, the credit column or both."], form.Problems());
    }

    [Fact]
    public void A_column_chosen_twice_is_named()
    {
        var form = CsvMappingForm.From(Us.Suggested, Us);

        form.PayeeColumn = 1;

        Assert.Equal(["Column 2 is chosen as both description and payee."], form.Problems());
    }

    [Fact]
    public void Remembered_columns_beyond_the_files_width_are_left_unchosen()
    {
        var remembered = Us.Suggested! with { DescriptionColumn = 7, MemoColumn = 9, DateFormat = StatementDateFormat.MonthDayYearSlashes };

        var form = CsvMappingForm.From(remembered, Us);

        Assert.Equal(((int?)null, (int?)null, StatementDateFormat.MonthDayYearSlashes), (form.DescriptionColumn, form.MemoColumn, form.DateFormat));
        Assert.Equal(["Choose the description column."], form.Problems());
    }

    [Fact]
    public void The_dialect_differs_when_the_delimiter_header_or_skipped_lines_change_and_roles_name_the_read_columns()
    {
        var form = CsvMappingForm.From(Us.Suggested, Us);
        Assert.False(form.DialectDiffers(Us));

        form.SkipRows = 1;

        Assert.True(form.DialectDiffers(Us));
        Assert.Equal(["Date", "Description", "Debit (out)", "Credit (in)", null], Enumerable.Range(0, 5).Select(form.RoleOf));
    }

    [Fact]
    public void Inspecting_with_a_chosen_dialect_names_the_columns_as_they_will_be_read()
    {
        var german = CsvStatementReader.Inspect(StatementFiles.German);
        Assert.Equal((';', 3, true), (german.Delimiter, german.SkipRows, german.HasHeader));

        var asked = CsvStatementReader.Inspect(StatementFiles.German, ';', hasHeaderChosen: false, skipChosen: 3);
        var wrong = CsvStatementReader.Inspect(StatementFiles.German, ',');

        Assert.Equal("Column 1", asked.Columns[0]);
        Assert.Equal("Buchungstag", asked.SampleRows[0][0]);
        Assert.Equal(',', wrong.Delimiter);
        Assert.True(wrong.Columns.Count < german.Columns.Count);
    }
}
