using System.Text;
using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class OfxStatementReaderTests
{
    private static readonly StatementAccount Checking = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000002"), "USD");
    private static readonly StatementAccount Card = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000003"), "EUR");

    [Fact]
    public void An_OFX_1_SGML_statement_with_unclosed_elements_is_read()
    {
        var statement = StatementReader.Read(StatementFiles.Ofx1, Checking, mapping: null);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal(StatementFormat.Ofx, statement.Format);
        Assert.Equal(new StatementBankAccount("121000248", "1234567890", "CHECKING"), statement.BankAccount);
        Assert.Equal(
        [
            (new DateOnly(2026, 1, 5), -475L, "STARBUCKS #1234", (string?)null, (string?)"SEATTLE WA"),
            (new DateOnly(2026, 1, 13), 250000L, "PAYROLL AT&T INC", null, null),
            (new DateOnly(2026, 1, 15), -120000L, "CHECK", null, null),
        ], statement.Rows.Select(r => (r.Date, r.Amount, r.Description, r.Payee, r.Memo)));
        Assert.Equal([39, 47, 54], statement.Rows.Select(r => r.Line));
    }

    [Fact]
    public void An_OFX_2_XML_credit_card_statement_is_read_with_its_payee_and_entities()
    {
        var statement = StatementReader.Read(StatementFiles.Ofx2, Card, mapping: null);

        Assert.True(statement.Succeeded, string.Join("; ", statement.Errors));
        Assert.Equal(new StatementBankAccount(null, "4111********1111", "CREDITCARD"), statement.BankAccount);
        Assert.Equal(
        [
            (new DateOnly(2026, 2, 3), -2340L, "Café Olé", (string?)"Café Olé", (string?)"Lunch & coffee"),
            (new DateOnly(2026, 2, 20), 15000L, "PAYMENT THANK YOU", null, null),
        ], statement.Rows.Select(r => (r.Date, r.Amount, r.Description, r.Payee, r.Memo)));
    }

    [Fact]
    public void A_statement_in_another_currency_than_the_account_is_refused_at_its_CURDEF()
    {
        var statement = StatementReader.Read(StatementFiles.Ofx1, Card, mapping: null);

        var error = Assert.Single(statement.Errors);
        Assert.Equal((30, 1), (error.Line, error.Column));
        Assert.Equal("The statement is in USD, but the account is in EUR: choose an account in USD.", error.Message);
        Assert.Empty(statement.Rows);
    }

    [Theory]
    [InlineData("</BANKTRANLIST>\n", "</BANKTRANLIST>\n</STMTTRN>\n", 63, 1, "</STMTTRN> closes an element that is not open.")]
    [InlineData("<STMTTRN>\n<TRNTYPE>CHECK", "<STMTTRN>\n<PAYEE>\n<ADDR1>x\n<TRNTYPE>CHECK", 63, 1,
        "</STMTTRN> comes before </PAYEE>, which <PAYEE> on line 55 needs.")]
    [InlineData("</OFX>", "", 36, 1, "<BANKTRANLIST> is never closed: the file ends first.")]
    [InlineData("<TRNAMT>-4.75", "<TRNAMT -4.75", 42, 8, "The tag <TRNAMT> is not closed with '>' (OFX tags have no attributes).")]
    public void Malformed_OFX_is_refused_with_the_line_and_column_of_the_fault(string find, string replace, int line, int column, string message)
    {
        var text = StatementFiles.Ofx1Text.Replace(find, replace);
        if (find == "</OFX>")
        {
            text = text[..text.IndexOf("</BANKTRANLIST>", StringComparison.Ordinal)];
        }

        var statement = StatementReader.Read(Encoding.ASCII.GetBytes(text), Checking, mapping: null);

        var error = Assert.Single(statement.Errors);
        Assert.Equal((line, column, message), (error.Line, error.Column, error.Message));
        Assert.Empty(statement.Rows);
    }

    [Fact]
    public void A_transaction_with_a_bad_amount_or_date_is_reported_at_that_element_and_the_rest_are_read()
    {
        var text = StatementFiles.Ofx1Text.Replace("<TRNAMT>2500.00", "<TRNAMT>2,500.00.1").Replace("<DTPOSTED>20260115", "<DTPOSTED>20261315");

        var statement = StatementReader.Read(Encoding.ASCII.GetBytes(text), Checking, mapping: null);

        Assert.Equal([-475L], statement.Rows.Select(r => r.Amount));
        Assert.Equal([(50, 1), (56, 1)], statement.Errors.Select(e => (e.Line, e.Column)));
        Assert.StartsWith("TRNAMT: \"2,500.00.1\" is not an amount", statement.Errors[0].Message);
        Assert.Equal("\"20261315\" is not an OFX date (YYYYMMDD).", statement.Errors[1].Message);
    }

    [Fact]
    public void A_file_with_two_accounts_asks_for_one_at_a_time()
    {
        var start = StatementFiles.Ofx1Text.IndexOf("<STMTTRNRS>", StringComparison.Ordinal);
        var end = StatementFiles.Ofx1Text.IndexOf("</BANKMSGSRSV1>", StringComparison.Ordinal);
        var twice = StatementFiles.Ofx1Text.Insert(end, StatementFiles.Ofx1Text[start..end].Replace("1234567890", "5555"));

        var statement = StatementReader.Read(Encoding.ASCII.GetBytes(twice), Checking, mapping: null);

        Assert.Equal("The file holds 2 statements (accounts 1234567890, 5555); export one account at a time.", Assert.Single(statement.Errors).Message);
    }

    [Fact]
    public void Text_that_is_not_OFX_is_read_as_CSV_and_an_OFX_without_a_statement_says_so()
    {
        Assert.Equal(StatementFormat.Csv, StatementReader.FormatOf(Encoding.UTF8.GetBytes("<html><body>Sign in</body></html>")));

        var empty = StatementReader.Read(Encoding.UTF8.GetBytes("<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>"), Checking, mapping: null);

        Assert.Equal("The file holds no bank or credit card statement (STMTRS or CCSTMTRS).", Assert.Single(empty.Errors).Message);
    }
}
