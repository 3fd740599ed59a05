using System.Globalization;
using System.Text;
using BlazorLedger.Data;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class JournalReaderTests
{
    /// <summary>A journal as the export writes it, with each kind of tag a restore reads.</summary>
    private const string Household = """
        ; Household, exported from BlazorLedger.
        ; Amounts are exact; a voided transaction is followed by the transaction that reverses it.
        ; BlazorLedger restores a book from this file: its tags keep what the names and text shown cannot say exactly.
        ; base currency: EUR

        tag archived
        tag currency
        tag reverses
        commodity EUR
            format 1000.00 EUR
        commodity JPY

        account Assets:1st; checking- main
            ; type: A, currency: EUR, code: 1000, name: 1st; checking: main
        account Assets:Yen wallet
            ; type: A, currency: JPY, name: Yen%09wallet
        account Equity:Opening balances
            ; type: E, currency: EUR
        account Equity:Opening yen
            ; type: E, currency: JPY
        account Expenses:Old card
            ; type: X, archived:, currency: EUR, code: 9%2C99
        account Expenses:Café ☕
            ; type: X, currency: EUR

        2026-01-01 (1) Opening balances
            Assets:1st; checking- main  2500.00 EUR  ; from the old bank
            Assets:Yen wallet  10000 JPY
            Equity:Opening balances  -2500.00 EUR
            Equity:Opening yen  -10000 JPY

        2026-01-05 (2) Bäckerei ¦ Schäfer | Brötchen；Kaffee
            ; description: Brötchen; Kaffee, payee: Bäckerei | Schäfer
            Expenses:Café ☕  4.75 EUR  ; ref： 17 ［2026-01-09］
              ; memo: ref: 17 %5B2026-01-09%5D
            Assets:1st; checking- main  -4.75 EUR

        2026-01-05 (3) A | B without a payee
            ; description: A | B without a payee
            Expenses:Old card  12.00 EUR
            Assets:1st; checking- main  -12.00 EUR

        2026-01-05 (4) Void: A | B without a payee
            ; reverses: 3
            ; description: Void: A | B without a payee
            Expenses:Old card  -12.00 EUR
            Assets:1st; checking- main  12.00 EUR

        """;

    private static JournalContent Read(string text) => JournalReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void An_exported_journal_is_read_back_as_the_app_had_it()
    {
        var journal = Read(Household);

        Assert.True(journal.Succeeded, string.Join("\n", journal.Errors));
        Assert.Equal("EUR", journal.BaseCurrency);
        Assert.Equal(
        [
            ("1st; checking: main", "1000", AccountType.Asset, "EUR", false),
            ("Yen\twallet", null, AccountType.Asset, "JPY", false),
            ("Opening balances", null, AccountType.Equity, "EUR", false),
            ("Opening yen", null, AccountType.Equity, "JPY", false),
            ("Old card", "9,99", AccountType.Expense, "EUR", true),
            ("Café ☕", null, AccountType.Expense, "EUR", false),
        ], journal.Accounts.Select(a => (a.Name, a.Code, a.Type, a.Currency, a.Archived)));

        Assert.Equal([1L, 2L, 3L, 4L], journal.Transactions.Select(t => t.Number));
        var opening = journal.Transactions[0];
        Assert.Equal((new DateOnly(2026, 1, 1), "Opening balances", (string?)null, (long?)null), (opening.Date, opening.Description, opening.Payee, opening.ReversesNumber));
        Assert.Equal(
        [
            ("Assets:1st; checking- main", 2500_00L, "from the old bank"),
            ("Assets:Yen wallet", 10000L, null),
            ("Equity:Opening balances", -2500_00L, null),
            ("Equity:Opening yen", -10000L, null),
        ], opening.Postings.Select(p => (p.Account, p.Amount, p.Memo)));
        var bakery = journal.Transactions[1];
        Assert.Equal(("Brötchen; Kaffee", "Bäckerei | Schäfer"), (bakery.Description, bakery.Payee));
        Assert.Equal("ref: 17 [2026-01-09]", bakery.Postings[0].Memo);
        Assert.Null(bakery.Postings[1].Memo);
        Assert.Equal(("A | B without a payee", (string?)null), (journal.Transactions[2].Description, journal.Transactions[2].Payee));
        Assert.Equal((3L, "Void: A | B without a payee"), (journal.Transactions[3].ReversesNumber, journal.Transactions[3].Description));
    }

    [Fact]
    public void Without_tags_the_payee_and_description_are_split_at_the_first_bar()
    {
        var journal = Read(Household.Replace("    ; description: Brötchen; Kaffee, payee: Bäckerei | Schäfer\n", ""));

        Assert.True(journal.Succeeded, string.Join("\n", journal.Errors));
        Assert.Equal(("Brötchen；Kaffee", "Bäckerei ¦ Schäfer"), (journal.Transactions[1].Description, journal.Transactions[1].Payee));
    }

    [Theory]
    [InlineData("Cash \"wallet\"")]
    [InlineData("from; the old bank, ref: 17")]
    [InlineData("tab\there, new\nline\r\n, 100% [2026-01-01]")]
    [InlineData(" leading and trailing ")]
    [InlineData("non\u00a0breaking\u2028separator\u0001control")]
    [InlineData("Café ☕ 円 💳 e\u0301")]
    [InlineData("%41 is not an A")]
    public void Escaped_tag_values_come_back_exactly_and_hold_no_comma_bracket_or_line_break(string value)
    {
        var escaped = HledgerText.Escape(value);

        Assert.True(HledgerText.TryUnescape(escaped, out var back));
        Assert.Equal(value, back);
        Assert.DoesNotContain(escaped, c => c is ',' or '[' or ']' or '\n' or '\r' or '\t' || char.IsControl(c));
        Assert.Equal(escaped.Trim(), escaped);
    }

    /// <summary>Each bad journal: what is changed in <see cref="Household"/>, the line the error names, and part of its message.</summary>
    public static TheoryData<string, string, int, string> BadJournals => new()
    {
        { "Expenses:Café ☕  4.75 EUR", "Expenses:Cafe  4.75 EUR", 34, "The account \"Expenses:Cafe\" is not declared." },
        { "Assets:1st; checking- main  -4.75 EUR", "Assets:1st; checking- main  -4.70 EUR", 32, "The postings in EUR do not balance: they are off by 0.05 EUR." },
        { "Expenses:Café ☕  4.75 EUR", "Expenses:Café ☕  4.755 EUR", 34, "has 3 decimal places" },
        { "Assets:Yen wallet  10000 JPY", "Assets:Yen wallet  10000 EUR", 28, "\"Assets:Yen wallet\" is an account in JPY, not EUR." },
        { "    format 1000.00 EUR", "    format 1000.000 EUR", 9, "EUR is declared with 3 decimals; it has 2." },
        { "2026-01-05 (3)", "2026-01-05 (2)", 38, "The number 2 is also the number of the transaction on line 32." },
        { "2026-01-05 (3)", "2026-01-05 (5)", 0, "3 is missing" },
        { "2026-01-05 (3)", "2026-01-05", 38, "The transaction has no number" },
        { "2026-01-05 (4)", "2026-02-30 (4)", 43, "2026-02-30 is not a date." },
        { "    ; reverses: 3", "    ; reverses: 2", 43, "It is not the exact reversal of transaction 2" },
        { "    ; reverses: 3", "    ; reverses: 9", 43, "no earlier transaction has that number" },
        { "    Expenses:Old card  -12.00 EUR", "    Expenses:Café ☕  -12.00 EUR", 43, "It is not the exact reversal of transaction 3" },
        { "code: 9%2C99", "code: 9%G99", 22, "has a % that is not followed by two hex digits" },
        { "    ; type: E, currency: JPY", "    ; type: Q, currency: JPY", 19, "has no type tag" },
        { "    ; type: E, currency: JPY", "    ; type: E", 19, "has no currency tag" },
        { "name: Yen%09wallet", "name: opening YEN", 19, "Two accounts are named \"Opening yen\" (line 15 and this one)" },
        { "tag reverses", "include other.journal", 8, "\"include other.journal\" is not part of a journal that BlazorLedger exports" },
        { "    Equity:Opening yen  -10000 JPY", "    Equity:Opening yen", 30, "has no amount" },
        { "description: Brötchen; Kaffee", "description: Brötchen%00; Kaffee", 32, "A description cannot contain the NUL character (U+0000)." },
        { "payee: Bäckerei | Schäfer", "payee: Bäckerei%00", 32, "A payee cannot contain the NUL character (U+0000)." },
        { "; memo: ref: 17", "; memo: ref%00: 17", 34, "A memo cannot contain the NUL character (U+0000)." },
        { "name: Yen%09wallet", "name: Yen%00wallet", 15, "The name of \"Assets:Yen wallet\" holds the NUL character (U+0000)" },
    };

    [Theory]
    [MemberData(nameof(BadJournals))]
    public void A_bad_journal_gives_its_errors_with_line_numbers_and_nothing_else(string find, string replace, int line, string message)
    {
        Assert.Contains(find, Household);
        var journal = Read(Household.Replace(find, replace));

        Assert.False(journal.Succeeded);
        Assert.Contains(journal.Errors, e => e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Empty(journal.Accounts);
        Assert.Empty(journal.Transactions);
    }

    /// <summary>
    /// A journal whose transactions each move 2 × 10^15 minor units (the most two postings can) from two equity accounts into
    /// a bank account: <paramref name="days"/> gives, day by day, how many such transactions and which way.
    /// </summary>
    private static string Large(params (DateOnly Date, int Count, int Sign)[] days)
    {
        var text = new StringBuilder("""
            ; base currency: EUR
            commodity EUR
                format 1000.00 EUR
            account Assets:Bank
                ; type: A, currency: EUR
            account Equity:A
                ; type: E, currency: EUR
            account Equity:B
                ; type: E, currency: EUR

            """);
        var number = 0;
        foreach (var (date, count, sign) in days)
        {
            var (into, outOf) = (sign > 0 ? "" : "-", sign > 0 ? "-" : "");
            for (var i = 0; i < count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} ({++number}) Large\n    Assets:Bank  {into}10000000000000.00 EUR\n    Assets:Bank  {into}10000000000000.00 EUR\n");
                text.Append(CultureInfo.InvariantCulture, $"    Equity:A  {outOf}10000000000000.00 EUR\n    Equity:B  {outOf}10000000000000.00 EUR\n\n");
            }
        }
        return text.ToString();
    }

    [Fact]
    public void A_balance_that_would_pass_64_bits_is_refused_at_the_transaction_that_passes_it()
    {
        // 4,611 transactions bring the bank to 9,222 × 10^15 minor units; the next passes long.MaxValue (about 9,223.4 × 10^15).
        var text = Large((new DateOnly(2026, 1, 1), 4_611, 1), (new DateOnly(2026, 1, 2), 2, 1));
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("2026-01-02 (4612)", StringComparison.Ordinal)) + 1;

        var journal = Read(text);

        var error = Assert.Single(journal.Errors);
        Assert.Equal((line, "It takes the balance of \"Assets:Bank\" beyond what can be stored (64 bits of minor units)."), (error.Line, error.Message));
        Assert.Empty(journal.Transactions);
        Assert.True(Read(Large((new DateOnly(2026, 1, 1), 4_611, 1))).Succeeded);
    }

    [Fact]
    public void A_day_whose_postings_would_pass_64_bits_is_refused_even_when_the_balance_fits()
    {
        // Out 5,000 × 10^15 on the first day, in 9,400 × 10^15 on the second: the balance ends at 4,400 × 10^15, the day does not fit.
        var journal = Read(Large((new DateOnly(2026, 1, 1), 2_500, -1), (new DateOnly(2026, 1, 2), 4_700, 1)));

        var error = Assert.Single(journal.Errors);
        Assert.Contains("The postings to \"Assets:Bank\" on 2026-01-02 add up to more than can be stored for one day", error.Message);
    }

    /// <summary>A journal with a sub-account, cleared and reconciled postings, and a reconciliation's adjustment.</summary>
    private const string Statements = """
        ; base currency: EUR

        commodity EUR
            format 1000.00 EUR

        account Assets:Bank
            ; type: A, currency: EUR
        account Assets:Bank:Savings
            ; type: A, currency: EUR
            ; reconciled: 2026-01-31 50.00 2026-02-01T09:31:00.0000000Z
            ; reconciled: 2026-02-28 50.00 2026-03-01T08:00:00.0000000Z
        account Equity:Opening
            ; type: E, currency: EUR
        account Expenses:Fees
            ; type: X, currency: EUR

        2026-01-01 (1) Opening
            * Assets:Bank  100.00 EUR
              ; reconciled: 2026-01-31 95.00 2026-02-01T09:30:00.0000000Z
            ! Assets:Bank:Savings  50.00 EUR
            Equity:Opening  -150.00 EUR

        2026-01-31 (2) Reconciliation adjustment
            * Assets:Bank  -5.00 EUR
              ; reconciled: 2026-01-31 95.00 2026-02-01T09:30:00.0000000Z adjustment
            Expenses:Fees  5.00 EUR
        """;

    [Fact]
    public void Sub_accounts_posting_states_and_reconciliations_are_read_back()
    {
        var journal = Read(Statements);

        Assert.True(journal.Succeeded, string.Join("\n", journal.Errors));
        Assert.Equal([("Bank", null), ("Savings", "Assets:Bank"), ("Opening", null), ("Fees", null)], journal.Accounts.Select(a => (a.Name, a.Parent)));
        var statement = new JournalReconciliation(new DateOnly(2026, 1, 31), 95_00, new DateTime(2026, 2, 1, 9, 30, 0, DateTimeKind.Utc), Adjustment: false);
        Assert.Equal(
        [
            (PostingState.Reconciled, statement),
            (PostingState.Cleared, null),
            (PostingState.Uncleared, null),
            (PostingState.Reconciled, statement with { Adjustment = true }),
            (PostingState.Uncleared, null),
        ], journal.Transactions.SelectMany(t => t.Postings).Select(p => (p.State, p.Reconciliation)));
        Assert.Equal(DateTimeKind.Utc, journal.Transactions[0].Postings[0].Reconciliation!.ReconciledAt.Kind);
        // Statements that reconciled none of its postings, which the account keeps.
        Assert.Equal([new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28)], journal.Accounts[1].Statements!.Select(r => r.StatementDate));
        Assert.All(journal.Accounts[1].Statements!, r => Assert.Equal((50_00L, false), (r.StatementBalance, r.Adjustment)));
    }

    /// <summary>Each bad tree or statement: what is changed in <see cref="Statements"/>, the line the error names, and part of its message.</summary>
    public static TheoryData<string, string, int, string> BadStatements => new()
    {
        { "account Assets:Bank:Savings", "account Assets:Cash:Savings", 8, "is a sub-account of \"Assets:Cash\", which is not declared" },
        { "account Assets:Bank:Savings\n    ; type: A", "account Assets:Bank:Savings\n    ; type: L", 8, "a sub-account has its parent's type" },
        { "account Assets:Bank\n    ; type: A,", "account Assets:Bank\n    ; type: A, archived:,", 8, "which is archived" },
        { "      ; reconciled: 2026-01-31 95.00 2026-02-01T09:30:00.0000000Z\n", "", 18, "is marked \"*\" as reconciled but has no \"reconciled\" tag" },
        { "    * Assets:Bank  100.00 EUR", "    Assets:Bank  100.00 EUR", 19, "is not marked \"*\" as reconciled" },
        { "2026-01-31 95.00 2026-02-01T09:30:00.0000000Z\n", "2026-02-30 95.00 2026-02-01T09:30:00.0000000Z\n", 19, "\"2026-02-30\" is not a date" },
        { "95.00 2026-02-01T09:30:00.0000000Z\n", "95.001 2026-02-01T09:30:00.0000000Z\n", 19, "\"95.001\" is not a balance in EUR" },
        { "95.00 2026-02-01T09:30:00.0000000Z\n", "95.00 2026-02-01T25:30:00.0000000Z\n", 19, "is not a time" },
        { "2026-01-31 95.00 2026-02-01T09:30:00.0000000Z\n", "2025-12-31 95.00 2026-02-01T09:30:00.0000000Z\n", 19, "after the statement of 2025-12-31" },
        { "0000000Z adjustment", "0000000Z adjusted", 25, "followed by \"adjustment\" on its adjustment" },
        { "0000000Z\n    !", "0000000Z adjustment\n    !", 23, "a reconciliation posts one adjustment" },
        { "; reconciled: 2026-02-28 50.00 2026-03-01T08:00:00.0000000Z", "; reconciled: 2026-02-28 50.00 2026-03-01T08:00:00.0000000Z adjustment", 11,
            "\"reconciled\" names a statement as its date" },
    };

    [Theory]
    [MemberData(nameof(BadStatements))]
    public void A_bad_tree_or_statement_gives_its_errors_with_line_numbers_and_nothing_else(string find, string replace, int line, string message)
    {
        Assert.Contains(find, Statements);
        var journal = Read(Statements.Replace(find, replace));

        Assert.False(journal.Succeeded);
        Assert.Contains(journal.Errors, e => e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Empty(journal.Accounts);
        Assert.Empty(journal.Transactions);
    }

    [Fact]
    public void An_archived_account_whose_postings_do_not_add_up_to_zero_is_refused()
    {
        var journal = Read(Household.Replace("""
            2026-01-05 (4) Void: A | B without a payee
                ; reverses: 3
                ; description: Void: A | B without a payee
            """, """
            2026-01-05 (4) Refund
            """).Replace("    Expenses:Old card  -12.00 EUR", "    Expenses:Café ☕  -12.00 EUR"));

        var error = Assert.Single(journal.Errors);
        Assert.Equal((21, "The account \"Expenses:Old card\" is archived but its postings add up to 12.00 EUR; only an account at zero can be archived."),
            (error.Line, error.Message));
    }

    [Theory]
    [InlineData(new byte[] { 0x3B, 0x20, 0xC3, 0x28 }, "The file is not UTF-8 text")]
    [InlineData(new byte[0], "it has no \"; base currency:\" line")]
    public void Files_that_are_no_journal_of_ours_get_one_clear_message(byte[] file, string message)
    {
        var journal = JournalReader.Read(file);

        Assert.Contains(message, Assert.Single(journal.Errors).Message);
    }

    [Fact]
    public void A_journal_from_another_program_is_refused_once_not_line_by_line()
    {
        var journal = Read("""
            2026-01-01 Opening
                assets:checking  100 EUR
                equity:opening
            """);

        Assert.Contains("This is not a journal exported by BlazorLedger", Assert.Single(journal.Errors).Message);
    }

    [Fact]
    public void A_byte_order_mark_and_Windows_line_ends_are_read_too()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Household.Replace("\n", "\r\n"))).ToArray();

        var journal = JournalReader.Read(bytes);

        Assert.True(journal.Succeeded, string.Join("\n", journal.Errors));
        Assert.Equal(4, journal.Transactions.Count);
        Assert.Equal("from the old bank", journal.Transactions[0].Postings[0].Memo);
    }
}
