namespace BlazorLedger.Tests.Common;

/// <summary>
/// The table every reader of amounts is held to: the API, the new-transaction form and the parser itself. A typo must never
/// change an amount: "12,50" is refused, never read as 1,250.00.
/// </summary>
public static class AmountCases
{
    private const string Nbsp = "\u00A0";
    private const string NarrowNbsp = "\u202F";
    private const string Minus = "\u2212";

    private static AmountCase Ok(string text, string currency, long minor) => new("", text, currency, minor);

    private static AmountCase No(string text, string currency, string refusal) => new("", text, currency, null, refusal);

    /// <summary>Written the invariant way, as the API and a user with no chosen format read them.</summary>
    public static readonly AmountCase[] Invariant =
    [
        Ok("0", "USD", 0),
        Ok("-0", "USD", 0),
        Ok("5", "USD", 5_00),
        Ok(" 5 ", "USD", 5_00),
        Ok("\t12.50\n", "USD", 12_50),
        Ok($"{Nbsp}12.50{NarrowNbsp}", "USD", 12_50),
        Ok("12.5", "USD", 12_50),
        Ok("12.50", "USD", 12_50),
        Ok("-12.50", "USD", -12_50),
        Ok("+12.50", "USD", 12_50),
        Ok($"{Minus}12.50", "USD", -12_50),
        Ok("0.01", "USD", 1),
        Ok("007", "USD", 7_00),
        Ok("1234.56", "USD", 1_234_56),
        Ok("1,234.56", "USD", 1_234_56),
        Ok("-1,234.56", "USD", -1_234_56),
        Ok("1,234", "USD", 1_234_00),
        Ok("1,234,567.89", "USD", 1_234_567_89),
        Ok("10000000000000.00", "USD", 1_000_000_000_000_000),
        Ok("-10,000,000,000,000", "USD", -1_000_000_000_000_000),
        Ok("1500", "JPY", 1500),
        Ok("-7", "JPY", -7),
        Ok("1,000,000", "JPY", 1_000_000),
        Ok("1000000000000000", "JPY", 1_000_000_000_000_000),
        Ok("0.001", "BHD", 1),
        Ok("1.234", "BHD", 1_234),
        Ok("12.5", "BHD", 12_500),
        Ok("1,234.567", "BHD", 1_234_567),

        No("", "USD", "Enter an amount."),
        No("   ", "USD", "Enter an amount."),
        No(Nbsp, "USD", "Enter an amount."),
        No("12,50", "USD", "\"12,50\" is not an amount: in 1,234.56 style the comma only separates thousands; write 12.50."),
        No("1,2,3", "USD", "\"1,2,3\" is not an amount: in 1,234.56 style the comma only separates thousands."),
        No("1,23", "USD", "the comma only separates thousands; write 1.23."),
        No("1,2345", "USD", "the comma only separates thousands; write 1.2345."),
        No("12,345,67", "USD", "the comma only separates thousands."),
        No("1,234,", "USD", "the comma only separates thousands"),
        No("0,123", "USD", "the comma only separates thousands; write 0.123."),
        No("1.234,56", "USD", "the comma only separates thousands; write 1,234.56."),
        No("1.234.567", "USD", "the point marks the decimals and comes once; write 1,234,567."),
        No("1.2.3", "USD", "in 1,234.56 style the point marks the decimals and comes once."),
        No("1 234.56", "USD", "in 1,234.56 style thousands are separated by a comma and decimals by a point; write 1,234.56."),
        No($"1{Nbsp}234.56", "USD", "separated by a comma and decimals by a point; write 1,234.56."),
        No($"1{NarrowNbsp}234,56", "USD", "separated by a comma and decimals by a point; write 1,234.56."),
        No("1'234.56", "USD", "separated by a comma and decimals by a point; write 1,234.56."),
        No("12 50", "USD", "separated by a comma and decimals by a point."),
        No(".5", "USD", "digits go on both sides of the decimal mark; write 0.5."),
        No("5.", "USD", "digits go on both sides of the decimal mark; write 5."),
        No("12.50-", "USD", "the minus sign goes first; write -12.50."),
        No("(12.50)", "USD", "the minus sign goes first; write -12.50."),
        No("--5", "USD", "Enter a number such as 1,234.56."),
        No("+-5", "USD", "Enter a number such as 1,234.56."),
        No("- 5", "USD", "Enter a number such as 1,234.56."),
        No("\u20135", "USD", "Enter a number such as 1,234.56."),
        No("5-3", "USD", "Enter a number such as 1,234.56."),
        No("abc", "USD", "\"abc\" is not an amount. Enter a number such as 1,234.56."),
        // A text-direction character would turn the rest of the message around: it is shown by its code point.
        No("\u202E12.50 is fine", "USD", "\"[U+202E]12.50 is fine\" is not an amount. Enter a number such as 1,234.56."),
        No("1e5", "USD", "Enter a number such as 1,234.56."),
        No("1E-2", "USD", "Enter a number such as 1,234.56."),
        No("0x1F", "USD", "Enter a number such as 1,234.56."),
        No("NaN", "USD", "Enter a number such as 1,234.56."),
        No("Infinity", "USD", "Enter a number such as 1,234.56."),
        No("$12.50", "USD", "Enter a number such as 1,234.56."),
        No("USD 12.50", "USD", "Enter a number such as 1,234.56."),
        No("12.50 USD", "USD", "Enter a number such as 1,234.56."),
        No("€12", "EUR", "Enter a number such as 1,234.56."),
        No("1_000", "USD", "Enter a number such as 1,234.56."),
        No("\u0661\u0662", "USD", "Enter a number such as 1,234.56."),
        No("\uFF11\uFF12", "USD", "Enter a number such as 1,234.56."),
        No("12.345", "USD", "\"12.345\" has 3 decimal places. USD allows at most 2 decimal places. If you meant 12,345, write 12,345."),
        No("12.500", "USD", "USD allows at most 2 decimal places."),
        No("1.5", "JPY", "\"1.5\" has 1 decimal place. JPY has no decimal places."),
        No("1.000", "JPY", "JPY has no decimal places. If you meant 1,000, write 1,000."),
        No("0.0001", "BHD", "BHD allows at most 3 decimal places."),
        No("10000000000000.01", "USD", "is too large"),
        No("1000000000000001", "JPY", "is too large"),
        No("99999999999999999999999999", "USD", "is too large"),
        No("1,000,000,000,000,000,000", "USD", "is too large"),
    ];

    /// <summary>Written in a person's chosen format: only the pages read these.</summary>
    public static readonly AmountCase[] Cultures =
    [
        new("de-DE", "1.234,56", "USD", 1_234_56),
        new("de-DE", "1234,56", "USD", 1_234_56),
        new("de-DE", "-12,5", "USD", -12_50),
        new("de-DE", "1.000", "USD", 1_000_00),
        new("de-DE", "1.234", "JPY", 1_234),
        new("de-DE", "12.50", "USD", null, "\"12.50\" is not an amount: in 1.234,56 style the point only separates thousands; write 12,50."),
        new("de-DE", "1,234.56", "USD", null, "in 1.234,56 style the point only separates thousands; write 1.234,56."),
        new("de-DE", "1,234", "USD", null, "\"1,234\" has 3 decimal places. USD allows at most 2 decimal places. If you meant 1.234, write 1.234."),
        new("de-DE", "abc", "USD", null, "Enter a number such as 1.234,56."),
        new("fr-FR", "1 234,56", "EUR", 1_234_56),
        new("fr-FR", $"1{Nbsp}234,56", "EUR", 1_234_56),
        new("fr-FR", $"1{NarrowNbsp}234,56", "EUR", 1_234_56),
        new("fr-FR", "12.50", "EUR", null, "thousands are separated by a space and decimals by a comma; write 12,50."),
        new("de-CH", "1'234.56", "CHF", 1_234_56),
        new("de-CH", "1\u2019234.56", "CHF", 1_234_56),
        new("de-CH", "12,50", "CHF", null, "thousands are separated by an apostrophe and decimals by a point; write 12.50."),
        new("sv-SE", $"{Minus}1{Nbsp}234,56", "SEK", -1_234_56),
        new("ja-JP", "1,500", "JPY", 1500),
        new("en-GB", "1,234.56", "GBP", 1_234_56),
        new("en-GB", "12,50", "GBP", null, "the comma only separates thousands; write 12.50."),
    ];

    public static TheoryData<AmountCase> InvariantData => [.. Invariant];

    public static TheoryData<AmountCase> All => [.. Invariant, .. Cultures];
}
