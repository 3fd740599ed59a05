using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Reads the bank or credit card statement of an OFX or QFX file (version 1 SGML or version 2 XML): its currency
/// (CURDEF), its account (BANKACCTFROM or CCACCTFROM) and its transactions (STMTTRN). Nothing here throws for a bad file.
/// </summary>
internal static class OfxStatementReader
{
    public static ParsedStatement Read(byte[] content, StatementAccount account)
    {
        if (!StatementText.TryDecode(content, out var text, out var encoding, out var decodeError))
        {
            return ParsedStatement.Failed(StatementFormat.Ofx, encoding, decodeError);
        }
        return Read(text, encoding, account);
    }

    public static ParsedStatement Read(string text, string encoding, StatementAccount account)
    {
        ParsedStatement Fail(StatementError error) => new() { Format = StatementFormat.Ofx, Encoding = encoding, Errors = [error] };

        if (!OfxParser.LooksLikeOfx(text))
        {
            return Fail(StatementError.File("This is not an OFX file: it starts with neither an OFX header nor <OFX>."));
        }
        if (!OfxParser.TryParse(text, out var root, out var syntax))
        {
            return Fail(syntax);
        }
        var statements = root.Descendants("STMTRS").Concat(root.Descendants("CCSTMTRS")).ToList();
        if (statements.Count == 0)
        {
            return Fail(StatementError.File("The file holds no bank or credit card statement (STMTRS or CCSTMTRS)."));
        }
        if (statements.Count > 1)
        {
            var numbers = statements.Select(s => BankAccount(s)?.AccountNumber ?? "?");
            return Fail(StatementError.File(
                $"The file holds {statements.Count} statements (accounts {string.Join(", ", numbers)}); export one account at a time."));
        }
        var statement = statements[0];
        var currency = statement.Text("CURDEF")?.Trim().ToUpperInvariant();
        if (currency is null)
        {
            return Fail(new StatementError(statement.Line, statement.Column, "The statement has no currency (CURDEF)."));
        }
        if (currency != account.Currency)
        {
            var curdef = statement.Child("CURDEF")!;
            return Fail(new StatementError(curdef.Line, curdef.Column,
                $"The statement is in {currency}, but the account is in {account.Currency}: choose an account in {currency}."));
        }
        var list = statement.Child("BANKTRANLIST");
        if (list is null)
        {
            return Fail(new StatementError(statement.Line, statement.Column, "The statement has no transaction list (BANKTRANLIST)."));
        }

        var errors = new List<StatementError>();
        var read = new List<(OfxElement Element, DateOnly Date, long Amount, string Description, string? Payee, string? Memo, string? FitId)>();
        foreach (var transaction in list.Children.Where(c => c.Name == "STMTTRN"))
        {
            if (ReadTransaction(transaction, currency, out var row) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                read.Add(row);
            }
        }

        var fitOccurrences = StatementFingerprint.Occurrences(read.Select(r => r.FitId ?? "").ToList());
        var textOccurrences = StatementFingerprint.Occurrences(read.Select(r => (r.Date, r.Amount, StatementFingerprint.Normalize(r.Description))).ToList());
        var rows = read.Select((r, i) => new StatementRow(r.Element.Line, r.Date, r.Amount,
            StatementText.Truncate(r.Description, TransactionLimits.MaxDescription),
            r.Payee is null ? null : StatementText.Truncate(r.Payee, TransactionLimits.MaxPayee),
            r.Memo is null ? null : StatementText.Truncate(r.Memo, TransactionLimits.MaxMemo),
            r.FitId is { } fitId
                ? StatementFingerprint.Ofx(account.AccountId, fitId, fitOccurrences[i])
                : StatementFingerprint.Csv(account.AccountId, r.Date, r.Amount, r.Description, textOccurrences[i]))).ToList();
        return new ParsedStatement
        {
            Format = StatementFormat.Ofx, Encoding = encoding, Rows = rows, Errors = errors, BankAccount = BankAccount(statement),
        };
    }

    private static StatementBankAccount? BankAccount(OfxElement statement)
    {
        if (statement.Child("BANKACCTFROM") is { } bank && bank.Text("ACCTID") is { } number)
        {
            return new StatementBankAccount(bank.Text("BANKID"), number, bank.Text("ACCTTYPE") ?? "BANK");
        }
        if (statement.Child("CCACCTFROM") is { } card && card.Text("ACCTID") is { } cardNumber)
        {
            return new StatementBankAccount(null, cardNumber, "CREDITCARD");
        }
        return null;
    }

    private static StatementError? ReadTransaction(OfxElement transaction, string currency,
        out (OfxElement Element, DateOnly Date, long Amount, string Description, string? Payee, string? Memo, string? FitId) row)
    {
        row = default;
        StatementError At(string name, string message) =>
            transaction.Child(name) is { } element ? new(element.Line, element.Column, message) : new(transaction.Line, transaction.Column, message);

        var posted = transaction.Text("DTPOSTED");
        if (posted is null)
        {
            return At("DTPOSTED", "The transaction has no date (DTPOSTED).");
        }
        // YYYYMMDD, then optionally the time and the time zone: the date is the bank's own.
        if (posted.Length < 8 || !DateOnly.TryParseExact(posted[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || (posted.Length > 8 && !char.IsAsciiDigit(posted[8]) && posted[8] != '['))
        {
            return At("DTPOSTED", $"\"{posted}\" is not an OFX date (YYYYMMDD).");
        }
        if (date < TransactionLimits.EarliestDate)
        {
            return At("DTPOSTED", $"{date:yyyy-MM-dd} is before {TransactionLimits.EarliestDate:yyyy}.");
        }
        var amountText = transaction.Text("TRNAMT");
        if (amountText is null)
        {
            return At("TRNAMT", "The transaction has no amount (TRNAMT).");
        }
        if (!TryReadAmount(amountText, currency, out var amount, out var amountError))
        {
            return At("TRNAMT", amountError);
        }
        var payee = StatementText.Clean(transaction.Child("PAYEE")?.Text("NAME"));
        var name = StatementText.Clean(transaction.Text("NAME"));
        var memo = StatementText.Clean(transaction.Text("MEMO"));
        var description = name ?? payee ?? memo ?? StatementText.Clean(transaction.Text("TRNTYPE"));
        if (description is null)
        {
            return new StatementError(transaction.Line, transaction.Column, "The transaction has no name, memo or type to describe it.");
        }
        row = (transaction, date, amount, description, payee, ReferenceEquals(description, memo) ? null : memo,
            StatementText.Clean(transaction.Text("FITID")));
        return null;
    }

    /// <summary>
    /// OFX amounts are plain decimals with a point or, from some banks, a comma; zeros past the currency's digits
    /// ("-12.5000") change nothing and are dropped.
    /// </summary>
    private static bool TryReadAmount(string text, string currency, out long minor, out string error)
    {
        var value = text.Trim();
        value = value.StartsWith('.') ? "0" + value : value.StartsWith("-.", StringComparison.Ordinal) ? "-0" + value[1..] : value;
        var style = value.Contains(',') && !value.Contains('.') ? new AmountStyle(',', '.') : AmountReader.Invariant;
        var point = value.IndexOf(style.Decimal);
        if (point >= 0)
        {
            var keep = Math.Max(point + 1 + Currencies.MinorDigits(currency), value.TrimEnd('0').Length);
            value = value[..Math.Min(value.Length, keep)];
            value = value.EndsWith(style.Decimal) ? value[..^1] : value;
        }
        minor = 0;
        if (!AmountReader.TryRead(value, style, out var amount, out error))
        {
            error = $"TRNAMT: {error}";
            return false;
        }
        return StatementAmounts.ToMinor(amount, text.Trim(), currency, out minor, out error);
    }
}
