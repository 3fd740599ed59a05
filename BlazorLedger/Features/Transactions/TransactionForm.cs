using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Accounts;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// What the new-transaction page binds to: the typed text, how it reads in the person's number format, and whether it can be
/// posted. Amounts are read only through <see cref="Money.TryParse(string?, string, CultureInfo, out long, out string)"/>.
/// </summary>
internal sealed class TransactionForm(CultureInfo culture)
{
    internal sealed class Line
    {
        public Guid? AccountId { get; set; }
        public string? Amount { get; set; }
        public string? Memo { get; set; }
    }

    public CultureInfo Culture => culture;

    /// <summary>The accounts one may post to; their currencies decide how many decimals an amount may have.</summary>
    public IReadOnlyList<AccountDto> Accounts { get; set; } = [];

    /// <summary>The currency of a line with no account yet.</summary>
    public string BaseCurrency { get; set; } = "USD";

    public bool Split { get; private set; }

    public DateTime? Date { get; set; }

    public string Description { get; set; } = "";

    public string? Payee { get; set; }

    /// <summary>Tags as typed, separated by commas or spaces; the service normalises and checks them.</summary>
    public string? Tags { get; set; }

    public IReadOnlyList<string> TagList => TransactionTags.Parse(Tags);

    /// <summary>Simple mode: [0] is the "to" account with the amount, [1] the "from" account.</summary>
    public Line[] Simple { get; private set; } = [new(), new()];

    public List<Line> Lines { get; private set; } = [new(), new()];

    public AccountDto? AccountOf(Line line) => Accounts.FirstOrDefault(a => a.Id == line.AccountId);

    public string CurrencyOf(Line line) => AccountOf(line)?.Currency ?? BaseCurrency;

    /// <summary>Why the line's amount cannot be read; null when it reads or is still empty.</summary>
    public string? AmountError(Line line) =>
        string.IsNullOrWhiteSpace(line.Amount) || Money.TryParse(line.Amount, CurrencyOf(line), culture, out _, out var error) ? null : error;

    /// <summary>
    /// Why the simple form's amount cannot be posted: unreadable, or not above zero (the accounts say which way the money goes).
    /// </summary>
    public string? SimpleAmountError => AmountError(Simple[0])
        ?? (AmountOf(Simple[0]) is <= 0 ? "Enter an amount above zero; to move money the other way, swap the accounts." : null);

    /// <summary>Whether any line of the split has an amount other than zero: until then there is nothing to balance.</summary>
    public bool HasAmounts => Lines.Any(l => AmountOf(l) is not null and not 0);

    public long? AmountOf(Line line) => Money.TryParse(line.Amount, CurrencyOf(line), culture, out var minor, out _) ? minor : null;

    public bool SimpleCurrencyMismatch => AccountOf(Simple[0]) is { } to && AccountOf(Simple[1]) is { } from && to.Currency != from.Currency;

    /// <summary>Per currency, what the split's lines add up to; empty when every currency balances.</summary>
    public IReadOnlyList<(string Currency, long Sum)> Remaining => Lines
        .Where(l => AccountOf(l) is not null && AmountOf(l) is not null)
        .GroupBy(CurrencyOf)
        .Select(g => (g.Key, g.Sum(l => AmountOf(l)!.Value)))
        .Where(s => s.Item2 != 0)
        .OrderBy(s => s.Key, StringComparer.Ordinal)
        .ToList();

    public bool IsComplete => Split
        ? Lines.Count >= 2 && Lines.All(l => l.AccountId is not null && AmountOf(l) is not null) && Remaining.Count == 0
        : Simple[0].AccountId is not null && Simple[1].AccountId is not null && AmountOf(Simple[0]) is > 0 && !SimpleCurrencyMismatch;

    public void AddLine() => Lines.Add(new Line());

    public void SetSplit(bool split)
    {
        if (split && !Split)
        {
            // What was typed in simple mode becomes the first two lines, the second written back in the person's own format.
            var amount = AmountOf(Simple[0]);
            Lines =
            [
                new Line { AccountId = Simple[0].AccountId, Amount = Simple[0].Amount },
                new Line { AccountId = Simple[1].AccountId, Amount = amount is { } a ? Money.ToDecimalString(-a, CurrencyOf(Simple[0]), culture) : null },
            ];
        }
        Split = split;
    }

    public IReadOnlyList<PostingLine> Postings()
    {
        if (!Split)
        {
            var amount = AmountOf(Simple[0]) ?? 0;
            return [new PostingLine(Simple[0].AccountId ?? Guid.Empty, amount), new PostingLine(Simple[1].AccountId ?? Guid.Empty, -amount)];
        }
        return Lines.Select(l => new PostingLine(l.AccountId ?? Guid.Empty, AmountOf(l) ?? 0, l.Memo)).ToList();
    }

    /// <summary>
    /// Filled in from a posted transaction, to correct it: a plain two-account transfer in simple mode, anything else as a
    /// split, with amounts written in the person's own format.
    /// </summary>
    public void FillFrom(TransactionDto transaction)
    {
        Date = transaction.Date.ToDateTime(TimeOnly.MinValue);
        Description = transaction.Description;
        Payee = transaction.Payee;
        Tags = string.Join(", ", transaction.TagList);
        var postings = transaction.Postings;
        var simple = postings.Count == 2 && postings[0].Currency == postings[1].Currency && postings[0].Amount == -postings[1].Amount
            && postings.All(p => p.Memo is null);
        if (simple)
        {
            var (to, from) = postings[0].Amount > 0 ? (postings[0], postings[1]) : (postings[1], postings[0]);
            Simple =
            [
                new Line { AccountId = to.AccountId, Amount = Money.ToDecimalString(to.Amount, to.Currency, culture) },
                new Line { AccountId = from.AccountId },
            ];
            Split = false;
        }
        else
        {
            Lines = postings.Select(p => new Line
            {
                AccountId = p.AccountId, Amount = Money.ToDecimalString(p.Amount, p.Currency, culture), Memo = p.Memo,
            }).ToList();
            Split = true;
        }
    }

    /// <summary>
    /// Fills in the accounts of the payee's last transaction where the form has none yet (in simple mode its first debit and
    /// credit; in split mode every line, when no line has an account yet), leaving amounts alone. Returns the names filled in.
    /// </summary>
    public IReadOnlyList<string> Propose(PayeeProposal proposal)
    {
        var usable = proposal.Legs.Where(l => Accounts.Any(a => a.Id == l.AccountId)).ToList();
        var filled = new List<string>();
        if (!Split)
        {
            if (Simple[1].AccountId is null && usable.FirstOrDefault(l => !l.Debit && l.AccountId != Simple[0].AccountId) is { } from)
            {
                Simple[1].AccountId = from.AccountId;
                filled.Add($"from {from.AccountName}");
            }
            if (Simple[0].AccountId is null && usable.FirstOrDefault(l => l.Debit && l.AccountId != Simple[1].AccountId) is { } to)
            {
                Simple[0].AccountId = to.AccountId;
                filled.Add($"to {to.AccountName}");
            }
            return filled;
        }
        if (Lines.Any(l => l.AccountId is not null))
        {
            return filled;
        }
        for (var i = 0; i < usable.Count; i++)
        {
            if (i == Lines.Count)
            {
                Lines.Add(new Line());
            }
            Lines[i].AccountId = usable[i].AccountId;
            filled.Add(usable[i].AccountName);
        }
        return filled;
    }

    /// <summary>Ready for the next transaction: same date, everything else fresh.</summary>
    public void Clear()
    {
        Description = "";
        Payee = null;
        Tags = null;
        Simple = [new(), new()];
        Lines = [new(), new()];
    }
}
