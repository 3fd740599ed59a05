using System.Text;

namespace BlazorLedger.Tests.Import;

/// <summary>Statement files as banks write them, byte for byte.</summary>
internal static class StatementFiles
{
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>A German savings bank's export: an account summary first, semicolons, "1.234,56", dd.MM.yyyy, Windows-1252.</summary>
    public const string GermanText = """
        "Kontonummer:";"DE89 3704 0044 0532 0130 00";
        "Zeitraum:";"01.03.2026 - 31.03.2026";
        "Kontostand vom 31.03.2026:";"1.234,56 EUR";

        "Buchungstag";"Wertstellung";"Buchungstext";"Auftraggeber / Begünstigter";"Verwendungszweck";"Kontonummer";"BLZ";"Betrag (EUR)";
        "02.03.2026";"02.03.2026";"Lastschrift";"REWE Markt GmbH";"Einkauf vom 01.03. Filiale Köln";"DE12500105170648489890";"";"-45,67";
        "03.03.2026";"03.03.2026";"Gutschrift";"Müller & Söhne KG";"Gehalt März 2026";"DE02120300000000202051";"";"2.345,00";
        "05.03.2026";"05.03.2026";"Kartenzahlung";"Bäckerei Schäfer";"Brötchen";"";"";"-3,50";
        "05.03.2026";"05.03.2026";"Kartenzahlung";"Bäckerei Schäfer";"Brötchen";"";"";"-3,50";
        "15.03.2026";"15.03.2026";"Dauerauftrag";"Hausverwaltung Weiß";"Miete März";"DE44500105175407324931";"";"-1.234,56";
        "31.03.2026";"31.03.2026";"Entgelt";"";"Kontoführung 2,00 €";"";"";"-2,00";
        """;

    public static byte[] German => Windows1252.GetBytes(GermanText.Replace("\n", "\r\n"));

    /// <summary>A US bank's export: debit and credit columns, MM/dd/yyyy, a running balance, UTF-8.</summary>
    public const string UsText = """
        Date,Description,Debit,Credit,Balance
        01/05/2026,"STARBUCKS #1234 SEATTLE WA",4.75,,1995.25
        01/05/2026,"STARBUCKS #1234 SEATTLE WA",4.75,,1990.50
        01/13/2026,PAYROLL ACME CORP,,"2,500.00",4490.50
        01/15/2026,"RENT, JANUARY",1200.00,,3290.50
        01/31/2026,INTEREST PAID,,0.12,3290.62
        """;

    public static byte[] Us => Encoding.UTF8.GetBytes(UsText);

    /// <summary>OFX 1.02: an SGML header, leaf elements without end tags, an empty MEMO, an unescaped ampersand.</summary>
    public const string Ofx1Text = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:102
        SECURITY:NONE
        ENCODING:USASCII
        CHARSET:1252
        COMPRESSION:NONE
        OLDFILEUID:NONE
        NEWFILEUID:NONE

        <OFX>
        <SIGNONMSGSRSV1>
        <SONRS>
        <STATUS>
        <CODE>0
        <SEVERITY>INFO
        </STATUS>
        <DTSERVER>20260201120000[-5:EST]
        <LANGUAGE>ENG
        </SONRS>
        </SIGNONMSGSRSV1>
        <BANKMSGSRSV1>
        <STMTTRNRS>
        <TRNUID>1
        <STATUS>
        <CODE>0
        <SEVERITY>INFO
        </STATUS>
        <STMTRS>
        <CURDEF>USD
        <BANKACCTFROM>
        <BANKID>121000248
        <ACCTID>1234567890
        <ACCTTYPE>CHECKING
        </BANKACCTFROM>
        <BANKTRANLIST>
        <DTSTART>20260101
        <DTEND>20260131
        <STMTTRN>
        <TRNTYPE>DEBIT
        <DTPOSTED>20260105120000.000[-5:EST]
        <TRNAMT>-4.75
        <FITID>202601050001
        <NAME>STARBUCKS #1234
        <MEMO>SEATTLE WA
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20260113
        <TRNAMT>2500.00
        <FITID>202601130001
        <NAME>PAYROLL AT&T INC
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CHECK
        <DTPOSTED>20260115
        <TRNAMT>-1200
        <FITID>202601150001
        <CHECKNUM>1001
        <MEMO>
        </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL>
        <BALAMT>1295.25
        <DTASOF>20260131
        </LEDGERBAL>
        </STMTRS>
        </STMTTRNRS>
        </BANKMSGSRSV1>
        </OFX>
        """;

    public static byte[] Ofx1 => Encoding.ASCII.GetBytes(Ofx1Text.Replace("\n", "\r\n"));

    /// <summary>OFX 2.2: XML, a credit card statement in euros, a PAYEE aggregate, an escaped ampersand.</summary>
    public const string Ofx2Text = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
        <OFX>
          <SIGNONMSGSRSV1>
            <SONRS>
              <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
              <DTSERVER>20260301083000.000[+1:CET]</DTSERVER>
              <LANGUAGE>FRA</LANGUAGE>
            </SONRS>
          </SIGNONMSGSRSV1>
          <CREDITCARDMSGSRSV1>
            <CCSTMTTRNRS>
              <TRNUID>0</TRNUID>
              <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
              <CCSTMTRS>
                <CURDEF>EUR</CURDEF>
                <CCACCTFROM><ACCTID>4111********1111</ACCTID></CCACCTFROM>
                <BANKTRANLIST>
                  <DTSTART>20260201</DTSTART>
                  <DTEND>20260228</DTEND>
                  <STMTTRN>
                    <TRNTYPE>DEBIT</TRNTYPE>
                    <DTPOSTED>20260203</DTPOSTED>
                    <TRNAMT>-23.40</TRNAMT>
                    <FITID>CC-2026-0001</FITID>
                    <PAYEE><NAME>Café Olé</NAME><ADDR1>1 Rue de Rivoli</ADDR1><CITY>Paris</CITY><POSTALCODE>75001</POSTALCODE><PHONE>0100000000</PHONE></PAYEE>
                    <MEMO>Lunch &amp; coffee</MEMO>
                  </STMTTRN>
                  <STMTTRN>
                    <TRNTYPE>CREDIT</TRNTYPE>
                    <DTPOSTED>20260220120000</DTPOSTED>
                    <TRNAMT>150.0000</TRNAMT>
                    <FITID>CC-2026-0002</FITID>
                    <NAME>PAYMENT THANK YOU</NAME>
                    <MEMO></MEMO>
                  </STMTTRN>
                </BANKTRANLIST>
                <LEDGERBAL><BALAMT>-873.60</BALAMT><DTASOF>20260228</DTASOF></LEDGERBAL>
              </CCSTMTRS>
            </CCSTMTTRNRS>
          </CREDITCARDMSGSRSV1>
        </OFX>
        """;

    public static byte[] Ofx2 => Encoding.UTF8.GetBytes(Ofx2Text);

    /// <summary>
    /// A German savings bank's "CSV-CAMT" export: two-digit years (dd.MM.yy) in both date columns, a currency column,
    /// semicolons, "1.234,56", Windows-1252. The statement spans the turn of the year.
    /// </summary>
    public const string GermanShortYearText = """
        "Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"
        "DE89370400440532013000";"30.12.25";"30.12.25";"FOLGELASTSCHRIFT";"Strom Dezember Kd-Nr. 4711";"Stadtwerke Düsseldorf AG";"DE12300500000001234567";"DUSSDEDDXXX";"-78,00";"EUR";"Umsatz gebucht"
        "DE89370400440532013000";"31.12.25";"31.12.25";"ABSCHLUSS";"Abrechnung 31.12.2025";"";"0000000000";"";"-4,95";"EUR";"Umsatz gebucht"
        "DE89370400440532013000";"02.01.26";"02.01.26";"GUTSCHR. UEBERWEISUNG";"Rückzahlung Nebenkosten 2025";"Hausverwaltung Weiß";"DE44500105175407324931";"INGDDEFFXXX";"1.123,40";"EUR";"Umsatz gebucht"
        "DE89370400440532013000";"5.1.26";"5.1.26";"KARTENZAHLUNG";"Bäckerei Schäfer Köln";"Bäckerei Schäfer";"";"";"-6,80";"EUR";"Umsatz vorgemerkt"
        """;

    public static byte[] GermanShortYear => Windows1252.GetBytes(GermanShortYearText.Replace("\n", "\r\n"));

    /// <summary>
    /// A card issuer's "Unicode text" export: tab-separated UTF-16 with no byte order mark, M/d/yy dates, descriptions in
    /// Japanese and with emoji. <see cref="Utf16Bytes"/> writes it in either byte order.
    /// </summary>
    public const string UnicodeTabsText = """
        Posted	Merchant	Amount
        11/28/26	スターバックス 渋谷店	-5.40
        11/29/26	Café Olé ☕	-12.00
        12/1/26	PAYMENT - THANK YOU	250.00
        """;

    public static byte[] Utf16Bytes(string text, bool bigEndian) =>
        new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(text.Replace("\n", "\r\n"));
}
