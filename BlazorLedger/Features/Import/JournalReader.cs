using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Reads back the hledger journal that the export writes (<see cref="HledgerFormat"/>), for restoring a book: every
/// account with its name, code, type, currency and whether it is archived, and every transaction with its number, date,
/// texts, postings and the transaction it voids, as the app had them (<see cref="HledgerText"/> says how). It checks
/// everything a restore would otherwise fail on halfway (the app's limits, balanced postings, numbers 1 to N, voids that
/// reverse exactly, archived accounts at zero), so that a restore can be refused before anything is created. Bad input
/// gives errors with line numbers and nothing else; nothing here throws for a bad file.
/// </summary>
internal static partial class JournalReader
{
    /// <summary>Far more than any book's journal; larger files are refused before they are decoded.</summary>
    public const int MaxBytes = 200 * 1024 * 1024;

    /// <summary>A file with more problems than this is reported by its first ones.</summary>
    private const int MaxErrors = 50;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="latestDate">The latest date a transaction may have (a year from today), if that is to be checked here.</param>
    public static JournalContent Read(byte[] content, DateOnly? latestDate = null)
    {
        if (content.Length > MaxBytes)
        {
            return JournalContent.Failed([StatementError.File($"The file is larger than {MaxBytes / 1024 / 1024} MiB.")]);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(content.AsSpan(content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            return JournalContent.Failed([StatementError.File("The file is not UTF-8 text; a journal exported by BlazorLedger is.")]);
        }
        var parser = new Parser(latestDate);
        parser.Parse(text);
        return parser.Finish();
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[ \t]+[*!])?(?:[ \t]+\((?<code>[^)]*)\))?(?:[ \t](?<text>.*))?$")]
    private static partial Regex TransactionLine();

    [GeneratedRegex(@"^(?<amount>[-+]?[0-9][0-9,]*(?:\.[0-9]+)?)[ \t]+(?<currency>[A-Za-z]+)[ \t]*(?:;(?<comment>.*))?$")]
    private static partial Regex AmountPart();

    [GeneratedRegex(@"^format[ \t]+-?[0-9,]*(?:\.(?<decimals>[0-9]*))?[ \t]+(?<currency>[A-Za-z]+)$")]
    private static partial Regex CommodityFormat();

    /// <summary>A declaration or transaction as first read, before it is checked against the others.</summary>
    private sealed class AccountDraft(int line, string journalName)
    {
        public int Line { get; } = line;
        public string JournalName { get; } = journalName;
        public Dictionary<string, (int Line, string Value)> Tags { get; } = new(StringComparer.Ordinal);

        /// <summary>The statements it was reconciled with that reconciled none of its postings, one tag each.</summary>
        public List<(int Line, string Value)> Statements { get; } = [];
    }

    private sealed class CommodityDraft(int line, string currency)
    {
        public int Line { get; } = line;
        public string Currency { get; } = currency;
        public int Decimals { get; set; }
    }

    private sealed record PostingDraft(int Line, string Account, string AmountText, string Currency, string? ShownMemo, PostingState State)
    {
        public Dictionary<string, (int Line, string Value)> Tags { get; } = new(StringComparer.Ordinal);
    }

    private sealed class TransactionDraft(int line, DateOnly date, long? number, string header)
    {
        public int Line { get; } = line;
        public DateOnly Date { get; } = date;
        public long? Number { get; } = number;
        public string Header { get; } = header;
        public Dictionary<string, (int Line, string Value)> Tags { get; } = new(StringComparer.Ordinal);
        public List<PostingDraft> Postings { get; } = [];
    }

    private sealed class Parser(DateOnly? latestDate)
    {
        private readonly List<StatementError> errors = [];
        private readonly List<AccountDraft> accounts = [];
        private readonly List<CommodityDraft> commodities = [];
        private readonly List<TransactionDraft> transactions = [];
        private (int Line, string Currency)? baseCurrency;
        private object? block;

        private void Error(int line, string message) => errors.Add(new StatementError(line, 0, message));

        public void Parse(string text)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length && errors.Count < MaxErrors; i++)
            {
                var line = lines[i].TrimEnd('\r');
                var number = i + 1;
                if (line.Trim().Length == 0)
                {
                    block = null;
                }
                else if (line[0] is ' ' or '\t')
                {
                    Indented(number, line.Trim());
                }
                else
                {
                    block = null;
                    TopLevel(number, line);
                }
            }
        }

        private void TopLevel(int line, string text)
        {
            if (text.StartsWith(HledgerText.BaseCurrencyComment, StringComparison.Ordinal))
            {
                var currency = text[HledgerText.BaseCurrencyComment.Length..].Trim();
                if (baseCurrency is not null)
                {
                    Error(line, "The base currency is named a second time.");
                }
                else if (!Currencies.IsKnown(currency))
                {
                    Error(line, $"\"{currency}\" is not an ISO 4217 currency code.");
                }
                baseCurrency = (line, currency);
            }
            else if (text[0] is ';' or '#' or '*')
            {
                // A comment.
            }
            else if (Directive(text, "tag") is not null)
            {
                // Declares a tag for hledger and Ledger; nothing to restore.
            }
            else if (Directive(text, "commodity") is { } commodity)
            {
                var draft = new CommodityDraft(line, commodity);
                if (!Currencies.IsKnown(commodity))
                {
                    Error(line, $"\"{commodity}\" is not an ISO 4217 currency code; BlazorLedger keeps money only in those.");
                }
                commodities.Add(draft);
                block = draft;
            }
            else if (Directive(text, "account") is { } account)
            {
                // "account NAME  ; comment": the comment starts after the end of the name, which may hold a semicolon.
                var end = NameEnd(account);
                var (name, comment) = end < 0 ? (account, null) : (account[..end], account[end..].TrimStart() is [';', .. var rest] ? rest : null);
                if (end >= 0 && comment is null)
                {
                    Error(line, $"\"{Shorten(account)}\" is an account name followed by something that is not a comment.");
                }
                var draft = new AccountDraft(line, name);
                AddTags(draft.Tags, line, comment);
                accounts.Add(draft);
                block = draft;
            }
            else if (char.IsAsciiDigit(text[0]))
            {
                Transaction(line, text);
            }
            else
            {
                Error(line, $"\"{Shorten(text)}\" is not part of a journal that BlazorLedger exports (a comment, tag, commodity, account or transaction).");
            }
        }

        private static string? Directive(string text, string keyword) =>
            text.Length > keyword.Length && text.StartsWith(keyword, StringComparison.Ordinal) && text[keyword.Length] is ' ' or '\t'
                ? text[(keyword.Length + 1)..].Trim()
                : null;

        private void Transaction(int line, string text)
        {
            var match = TransactionLine().Match(text);
            if (!match.Success)
            {
                Error(line, $"\"{Shorten(text)}\" does not start with a date written yyyy-MM-dd.");
                return;
            }
            if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Error(line, $"{match.Groups["date"].Value} is not a date.");
                return;
            }
            long? number = long.TryParse(match.Groups["code"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
            if (number is null)
            {
                Error(line, match.Groups["code"].Success
                    ? $"\"({match.Groups["code"].Value})\" is not a transaction number."
                    : "The transaction has no number: BlazorLedger writes it in brackets after the date, \"2026-01-31 (17) ...\".");
            }
            // A semicolon on the first line starts a comment (the export shows one in a text as "；").
            var (header, comment) = SplitComment(match.Groups["text"].Value);
            var draft = new TransactionDraft(line, date, number, header);
            AddTags(draft.Tags, line, comment);
            transactions.Add(draft);
            block = draft;
        }

        private void Indented(int line, string text)
        {
            switch (block)
            {
                case CommodityDraft commodity:
                    if (text[0] == ';')
                    {
                        return;
                    }
                    var format = CommodityFormat().Match(text);
                    if (!format.Success || format.Groups["currency"].Value != commodity.Currency)
                    {
                        Error(line, $"\"{Shorten(text)}\" is not a format of {commodity.Currency} such as \"format 1000.00 {commodity.Currency}\".");
                        return;
                    }
                    commodity.Decimals = format.Groups["decimals"].Value.Length;
                    return;
                case AccountDraft account when text[0] == ';':
                    AddTags(account.Tags, line, text[1..], account.Statements);
                    return;
                case TransactionDraft transaction when text[0] == ';':
                    // As in hledger: comments before the first posting are the transaction's, later ones the posting's above them.
                    AddTags(transaction.Postings.Count == 0 ? transaction.Tags : transaction.Postings[^1].Tags, line, text[1..]);
                    return;
                case TransactionDraft transaction:
                    Posting(line, text, transaction);
                    return;
                default:
                    Error(line, $"\"{Shorten(text)}\" is indented but belongs to no account, commodity or transaction.");
                    return;
            }
        }

        private void Posting(int line, string text, TransactionDraft transaction)
        {
            // A status mark before the account: "*" reconciled, "!" cleared.
            var state = PostingState.Uncleared;
            if (text is ['*' or '!', ' ' or '\t', ..])
            {
                state = HledgerText.StateOf(text[0]);
                text = text[1..].TrimStart();
            }
            // Two spaces or a tab end an account name.
            var end = NameEnd(text);
            if (end < 0)
            {
                Error(line, $"The posting to \"{Shorten(text)}\" has no amount; a restore needs every amount written out.");
                return;
            }
            var amount = AmountPart().Match(text[end..].Trim());
            if (!amount.Success)
            {
                Error(line, $"\"{Shorten(text[end..].Trim())}\" is not an amount and a currency such as \"-12.50 USD\".");
                return;
            }
            var memo = amount.Groups["comment"].Success ? amount.Groups["comment"].Value.Trim() : null;
            transaction.Postings.Add(new PostingDraft(line, text[..end], amount.Groups["amount"].Value, amount.Groups["currency"].Value,
                string.IsNullOrEmpty(memo) ? null : memo, state));
        }

        /// <summary>Where an account name ends: at two spaces or a tab (a name may hold single spaces and semicolons); -1 if it runs to the end.</summary>
        private static int NameEnd(string text)
        {
            var tab = text.IndexOf('\t', StringComparison.Ordinal);
            var spaces = text.IndexOf("  ", StringComparison.Ordinal);
            return tab < 0 ? spaces : spaces < 0 ? tab : Math.Min(tab, spaces);
        }

        private static (string Text, string? Comment) SplitComment(string text) =>
            text.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0
                ? (text[..semicolon].TrimEnd(), text[(semicolon + 1)..])
                : (text.TrimEnd(), null);

        /// <param name="statements">Where an account's <see cref="HledgerText.ReconciledTag"/> tags go: it may have several.</param>
        private void AddTags(Dictionary<string, (int Line, string Value)> tags, int line, string? comment, List<(int Line, string Value)>? statements = null)
        {
            if (comment is null)
            {
                return;
            }
            foreach (var (name, value) in HledgerText.Tags(comment))
            {
                if (!HledgerText.TryUnescape(value, out var unescaped))
                {
                    Error(line, $"The value of the tag \"{name}\" has a % that is not followed by two hex digits of UTF-8.");
                    continue;
                }
                if (statements is not null && name == HledgerText.ReconciledTag)
                {
                    statements.Add((line, unescaped));
                }
                else if (!tags.TryAdd(name, (line, unescaped)))
                {
                    Error(line, $"The tag \"{name}\" is given twice.");
                }
            }
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";

        public JournalContent Finish()
        {
            if (baseCurrency is null)
            {
                // An older export, or another program's journal: its accounts would all lack what a restore needs, so say it once.
                return JournalContent.Failed([StatementError.File(
                    $"This is not a journal exported by BlazorLedger: it has no \"{HledgerText.BaseCurrencyComment.Trim()}\" line. " +
                    "Export the book again and restore that file.")]);
            }
            foreach (var commodity in commodities)
            {
                if (Currencies.IsKnown(commodity.Currency) && Currencies.MinorDigits(commodity.Currency) is var digits && digits != commodity.Decimals)
                {
                    Error(commodity.Line, $"{commodity.Currency} is declared with {commodity.Decimals} decimal{(commodity.Decimals == 1 ? "" : "s")}; " +
                        $"it has {digits}.");
                }
            }
            var restoredAccounts = Accounts();
            var restoredTransactions = Transactions(restoredAccounts);
            if (errors.Count > 0)
            {
                var shown = errors.OrderBy(e => e.Line).Take(MaxErrors).ToList();
                if (errors.Count > MaxErrors)
                {
                    shown.Add(StatementError.File($"There are more problems than the first {MaxErrors} shown."));
                }
                return JournalContent.Failed(shown);
            }
            return new JournalContent(baseCurrency!.Value.Currency, restoredAccounts.Values.ToList(), restoredTransactions, []);
        }

        private Dictionary<string, JournalAccount> Accounts()
        {
            var result = new Dictionary<string, JournalAccount>(StringComparer.Ordinal);
            var appNames = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var draft in accounts)
            {
                string? Tag(string name) => draft.Tags.TryGetValue(name, out var tag) ? tag.Value : null;
                var type = Tag(HledgerText.TypeTag) is { } code ? HledgerText.TypeOf(code) : null;
                var currency = Tag(HledgerText.CurrencyTag);
                var name = (Tag(HledgerText.NameTag) ?? HledgerText.AppName(draft.JournalName)).Trim();
                var accountCode = Tag(HledgerText.CodeTag) is { } c && c.Trim().Length > 0 ? c.Trim() : null;
                var problems = new List<string>();
                if (result.ContainsKey(draft.JournalName))
                {
                    problems.Add($"The account \"{draft.JournalName}\" is declared twice.");
                }
                if (type is null)
                {
                    problems.Add($"The account \"{draft.JournalName}\" has no type tag (A, L, E, R or X), so its type is not known.");
                }
                if (!Currencies.IsKnown(currency))
                {
                    problems.Add(currency is null
                        ? $"The account \"{draft.JournalName}\" has no currency tag, so its currency is not known."
                        : $"The currency of \"{draft.JournalName}\", \"{currency}\", is not an ISO 4217 currency code.");
                }
                if (name.Length is 0 or > AccountLimits.MaxName)
                {
                    problems.Add($"The account \"{draft.JournalName}\" needs a name of 1 to {AccountLimits.MaxName} characters.");
                }
                else if (!appNames.TryAdd(name.ToLowerInvariant(), draft.Line))
                {
                    problems.Add($"Two accounts are named \"{name}\" (line {appNames[name.ToLowerInvariant()]} and this one); names in a book differ in more than case.");
                }
                if (accountCode is { Length: > AccountLimits.MaxCode })
                {
                    problems.Add($"The code of \"{draft.JournalName}\" is longer than {AccountLimits.MaxCode} characters.");
                }
                if (name.Contains('\0', StringComparison.Ordinal) || accountCode?.Contains('\0', StringComparison.Ordinal) == true)
                {
                    problems.Add($"The {(name.Contains('\0', StringComparison.Ordinal) ? "name" : "code")} of \"{draft.JournalName}\" holds the NUL character (U+0000), which it cannot contain.");
                }
                foreach (var problem in problems)
                {
                    Error(draft.Line, problem);
                }
                if (problems.Count == 0)
                {
                    var before = errors.Count;
                    var statements = draft.Statements.Select(s => Statement(s, currency!, adjustmentAllowed: false)).OfType<JournalReconciliation>().ToList();
                    if (errors.Count == before)
                    {
                        result[draft.JournalName] = new JournalAccount(draft.Line, draft.JournalName, name, accountCode, type!.Value, currency!,
                            draft.Tags.ContainsKey(HledgerText.ArchivedTag), HledgerText.ParentName(draft.JournalName), statements);
                    }
                }
            }
            Tree(result);
            return result;
        }

        /// <summary>
        /// A sub-account's journal name is its parent's followed by its own: the parent must be declared, of its type, not
        /// archived while it is open, and the tree no deeper than the app nests accounts.
        /// </summary>
        private void Tree(Dictionary<string, JournalAccount> read)
        {
            foreach (var account in read.Values.Where(a => a.Parent is not null))
            {
                if (!read.TryGetValue(account.Parent!, out var parent))
                {
                    if (!accounts.Any(a => a.JournalName == account.Parent))
                    {
                        Error(account.Line, $"The account \"{account.JournalName}\" is a sub-account of \"{account.Parent}\", which is not declared.");
                    }
                    continue;
                }
                if (parent.Type != account.Type)
                {
                    Error(account.Line, $"The account \"{account.JournalName}\" has another type than \"{parent.JournalName}\"; a sub-account has its parent's type.");
                }
                else if (parent.Archived && !account.Archived)
                {
                    Error(account.Line, $"The account \"{account.JournalName}\" is open under \"{parent.JournalName}\", which is archived; " +
                        "an archived account's sub-accounts are archived too.");
                }
                else if (account.JournalName.Count(c => c == ':') - 1 > AccountTree.MaxDepth)
                {
                    Error(account.Line, $"The account \"{account.JournalName}\" is nested more than {AccountTree.MaxDepth} levels deep, " +
                        "deeper than a book nests accounts.");
                }
            }
        }

        private List<JournalTransaction> Transactions(Dictionary<string, JournalAccount> accountsByName)
        {
            var result = new List<JournalTransaction>();
            foreach (var draft in transactions)
            {
                if (Transaction(draft, accountsByName) is { } transaction)
                {
                    result.Add(transaction);
                }
            }
            Numbers();
            if (errors.Count == 0)
            {
                // Checked on a file that is otherwise sound: a transaction left out for its own error would mislead these.
                Reversals(result);
                Corrections(result);
                Adjustments(result);
                ArchivedAtZero(accountsByName.Values, result);
                Storable(result);
            }
            return result;
        }

        private JournalTransaction? Transaction(TransactionDraft draft, Dictionary<string, JournalAccount> accountsByName)
        {
            var before = errors.Count;
            string? Tag(string name) => draft.Tags.TryGetValue(name, out var tag) ? tag.Value : null;
            var (shownPayee, shownDescription) = HledgerText.SplitHeader(draft.Header);
            var exact = Tag(HledgerText.DescriptionTag);
            var description = (exact ?? shownDescription).Trim();
            var payee = (Tag(HledgerText.PayeeTag) ?? (exact is null ? shownPayee : null))?.Trim() is { Length: > 0 } p ? p : null;
            var reverses = NumberTag(draft, HledgerText.ReversesTag);
            var corrects = NumberTag(draft, HledgerText.CorrectsTag);
            IReadOnlyList<string> tags = [];
            if (draft.Tags.TryGetValue(HledgerText.TagsTag, out var tagsTag))
            {
                tags = TransactionTags.Normalize(tagsTag.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                var tagErrors = new ValidationErrors();
                TransactionTags.Validate(tags, tagErrors);
                foreach (var message in tagErrors.ToDictionary().Values.SelectMany(m => m))
                {
                    Error(tagsTag.Line, message);
                }
            }
            if (description.Length is 0 or > TransactionLimits.MaxDescription)
            {
                Error(draft.Line, $"A description has 1 to {TransactionLimits.MaxDescription} characters; this one has {description.Length}.");
            }
            if (payee is { Length: > TransactionLimits.MaxPayee })
            {
                Error(draft.Line, $"A payee has at most {TransactionLimits.MaxPayee} characters; this one has {payee.Length}.");
            }
            foreach (var (text, what) in new[] { (description, "A description"), (payee, "A payee") })
            {
                if (text?.Contains('\0', StringComparison.Ordinal) == true)
                {
                    Error(draft.Line, $"{what} cannot contain the NUL character (U+0000).");
                }
            }
            if (draft.Date < TransactionLimits.EarliestDate)
            {
                Error(draft.Line, $"{draft.Date:yyyy-MM-dd} is before {TransactionLimits.EarliestDate:yyyy-MM-dd}, the earliest date a transaction may have.");
            }
            if (draft.Date > latestDate)
            {
                Error(draft.Line, $"{draft.Date:yyyy-MM-dd} is more than a year ahead; the latest date a transaction may have is {latestDate:yyyy-MM-dd}.");
            }
            if (draft.Postings.Count is < 2 or > TransactionLimits.MaxPostings)
            {
                Error(draft.Line, $"A transaction has 2 to {TransactionLimits.MaxPostings} postings; this one has {draft.Postings.Count}.");
            }

            var postings = new List<JournalPosting>();
            var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var posting in draft.Postings)
            {
                if (!accountsByName.TryGetValue(posting.Account, out var account))
                {
                    if (!accounts.Any(a => a.JournalName == posting.Account))
                    {
                        Error(posting.Line, $"The account \"{posting.Account}\" is not declared.");
                    }
                    continue;
                }
                if (posting.Currency != account.Currency)
                {
                    Error(posting.Line, $"\"{posting.Account}\" is an account in {account.Currency}, not {posting.Currency}.");
                    continue;
                }
                if (!Money.TryParse(posting.AmountText, account.Currency, out var minor, out var amountError))
                {
                    Error(posting.Line, amountError);
                    continue;
                }
                if (minor == 0)
                {
                    Error(posting.Line, "An amount cannot be zero.");
                }
                var memo = (posting.Tags.TryGetValue(HledgerText.MemoTag, out var memoTag) ? memoTag.Value : posting.ShownMemo)?.Trim();
                if (memo is { Length: > TransactionLimits.MaxMemo })
                {
                    Error(posting.Line, $"A memo has at most {TransactionLimits.MaxMemo} characters; this one has {memo.Length}.");
                }
                if (memo?.Contains('\0', StringComparison.Ordinal) == true)
                {
                    Error(posting.Line, "A memo cannot contain the NUL character (U+0000).");
                }
                var reconciliation = Reconciliation(posting, account, draft.Date);
                // At most 100 postings of at most 10^15 each: the sum cannot overflow.
                sums[account.Currency] = sums.GetValueOrDefault(account.Currency) + minor;
                postings.Add(new JournalPosting(account.JournalName, minor, memo is { Length: > 0 } ? memo : null, posting.State, reconciliation));
            }
            if (errors.Count == before)
            {
                foreach (var (currency, sum) in sums.Where(s => s.Value != 0))
                {
                    Error(draft.Line, $"The postings in {currency} do not balance: they are off by {Money.ToDecimalString(sum, currency, CultureInfo.InvariantCulture)} {currency}.");
                }
            }
            return errors.Count == before && draft.Number is { } number
                ? new JournalTransaction(draft.Line, number, draft.Date, description, payee, reverses, postings, tags, corrects)
                : null;
        }

        /// <summary>
        /// The reconciliation a posting marked "*" names in its tag (see <see cref="HledgerText.ReconciledTag"/>); a mark
        /// without the tag, or the tag without the mark, is an error, as is a statement dated before the posting.
        /// </summary>
        private JournalReconciliation? Reconciliation(PostingDraft posting, JournalAccount account, DateOnly date)
        {
            var tagged = posting.Tags.TryGetValue(HledgerText.ReconciledTag, out var tag);
            if (posting.State != PostingState.Reconciled)
            {
                if (tagged)
                {
                    Error(tag.Line, $"The posting has a \"{HledgerText.ReconciledTag}\" tag but is not marked \"*\" as reconciled.");
                }
                return null;
            }
            if (!tagged)
            {
                Error(posting.Line, $"The posting is marked \"*\" as reconciled but has no \"{HledgerText.ReconciledTag}\" tag naming its statement.");
                return null;
            }
            if (Statement(tag, account.Currency, adjustmentAllowed: true) is not { } statement)
            {
                return null;
            }
            if (statement.StatementDate < date)
            {
                Error(tag.Line, $"The posting is dated {date:yyyy-MM-dd}, after the statement of {statement.StatementDate:yyyy-MM-dd} that it is reconciled with.");
                return null;
            }
            return statement;
        }

        /// <summary>A statement as a <see cref="HledgerText.ReconciledTag"/> names it, or null with an error.</summary>
        private JournalReconciliation? Statement((int Line, string Value) tag, string currency, bool adjustmentAllowed)
        {
            var words = tag.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var shape = $"\"{HledgerText.ReconciledTag}\" names a statement as its date, closing balance and when it was reconciled, " +
                "\"2026-01-31 1234.56 2026-02-03T09:30:00.0000000Z\"";
            if (words.Length is < 3 or > 4 || (words.Length == 4 && (words[3] != HledgerText.AdjustmentWord || !adjustmentAllowed)))
            {
                Error(tag.Line, adjustmentAllowed
                    ? $"{shape}, followed by \"{HledgerText.AdjustmentWord}\" on its adjustment; \"{Shorten(tag.Value)}\" is not that."
                    : $"{shape}; \"{Shorten(tag.Value)}\" is not that.");
                return null;
            }
            if (!DateOnly.TryParseExact(words[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var statementDate))
            {
                Error(tag.Line, $"{shape}: \"{Shorten(words[0])}\" is not a date.");
                return null;
            }
            // A statement's balance may pass one posting's limit (a reconciliation takes up to a thousand times it).
            var digits = Currencies.MinorDigits(currency);
            if (!decimal.TryParse(words[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var shown)
                || decimal.Round(shown, digits) != shown || Math.Abs(shown) * (decimal)Math.Pow(10, digits) > Money.MaxPostingMinor * 1000m)
            {
                Error(tag.Line, $"{shape}: \"{Shorten(words[1])}\" is not a balance in {currency}.");
                return null;
            }
            var balance = (long)(shown * (decimal)Math.Pow(10, digits));
            if (!DateTime.TryParseExact(words[2], HledgerText.ReconciledAtFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var reconciledAt))
            {
                Error(tag.Line, $"{shape}: \"{Shorten(words[2])}\" is not a time.");
                return null;
            }
            return new JournalReconciliation(statementDate, balance, reconciledAt, words.Length == 4);
        }

        /// <summary>The number of a transaction a tag such as "reverses: 12" names, or null without the tag.</summary>
        private long? NumberTag(TransactionDraft draft, string name)
        {
            if (!draft.Tags.TryGetValue(name, out var tag))
            {
                return null;
            }
            if (long.TryParse(tag.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                return number;
            }
            Error(tag.Line, $"\"{tag.Value}\" is not the number of a transaction.");
            return null;
        }

        /// <summary>
        /// A new book numbers its transactions 1, 2, 3 ...: the journal's numbers must be those, each once, for them to come
        /// back. Counted over every transaction of the file, those with errors of their own too, so that these add no false ones.
        /// </summary>
        private void Numbers()
        {
            var seen = new Dictionary<long, int>();
            foreach (var draft in transactions.Where(t => t.Number is not null))
            {
                if (!seen.TryAdd(draft.Number!.Value, draft.Line))
                {
                    Error(draft.Line, $"The number {draft.Number} is also the number of the transaction on line {seen[draft.Number.Value]}.");
                }
            }
            var missing = Enumerable.Range(1, transactions.Count).Where(n => !seen.ContainsKey(n)).Take(5).ToList();
            if (missing.Count > 0 && seen.Count == transactions.Count)
            {
                Error(0, $"The transactions are numbered 1 to {transactions.Count} in a book with {transactions.Count}, but {string.Join(", ", missing)} " +
                    $"{(missing.Count == 1 ? "is" : "are")} missing.");
            }
        }

        /// <summary>A void's reversal follows what voiding does: it reverses an earlier transaction that is no reversal itself, once, on its date, posting by posting.</summary>
        private void Reversals(List<JournalTransaction> read)
        {
            var byNumber = read.GroupBy(t => t.Number).ToDictionary(g => g.Key, g => g.First());
            var reversed = new Dictionary<long, int>();
            foreach (var reversal in read.Where(t => t.ReversesNumber is not null))
            {
                var number = reversal.ReversesNumber!.Value;
                if (!byNumber.TryGetValue(number, out var original) || original.Number >= reversal.Number)
                {
                    Error(reversal.Line, $"It reverses transaction {number}, but no earlier transaction has that number.");
                    continue;
                }
                if (original.ReversesNumber is not null)
                {
                    Error(reversal.Line, $"It reverses transaction {number}, which is itself a reversal; a reversal cannot be voided.");
                    continue;
                }
                if (!reversed.TryAdd(number, reversal.Line))
                {
                    Error(reversal.Line, $"Transaction {number} is also reversed on line {reversed[number]}; a transaction is voided once.");
                    continue;
                }
                var exact = original.Date == reversal.Date && original.Postings.Select(p => (p.Account, p.Amount)).Order()
                    .SequenceEqual(reversal.Postings.Select(p => (p.Account, -p.Amount)).Order());
                if (!exact)
                {
                    Error(reversal.Line, $"It is not the exact reversal of transaction {number}: a void has its date and each of its postings with the opposite amount.");
                }
            }
        }

        /// <summary>A correction's replacement follows what correcting does: it replaces an earlier transaction that was voided and is no reversal, once.</summary>
        private void Corrections(List<JournalTransaction> read)
        {
            var byNumber = read.GroupBy(t => t.Number).ToDictionary(g => g.Key, g => g.First());
            var voided = read.Where(t => t.ReversesNumber is not null).Select(t => t.ReversesNumber!.Value).ToHashSet();
            var corrected = new Dictionary<long, int>();
            foreach (var replacement in read.Where(t => t.CorrectsNumber is not null))
            {
                var number = replacement.CorrectsNumber!.Value;
                if (replacement.ReversesNumber is not null)
                {
                    Error(replacement.Line, "A reversal cannot also be a correction's replacement.");
                }
                else if (!byNumber.TryGetValue(number, out var original) || original.Number >= replacement.Number)
                {
                    Error(replacement.Line, $"It corrects transaction {number}, but no earlier transaction has that number.");
                }
                else if (original.ReversesNumber is not null || !voided.Contains(number))
                {
                    Error(replacement.Line, $"It corrects transaction {number}, which is not a voided transaction; a correction replaces one that it voids.");
                }
                else if (!corrected.TryAdd(number, replacement.Line))
                {
                    Error(replacement.Line, $"Transaction {number} is also corrected on line {corrected[number]}; a transaction is corrected once.");
                }
            }
        }

        /// <summary>A reconciliation posts at most one adjustment: the postings that name it as theirs are in one transaction.</summary>
        private void Adjustments(List<JournalTransaction> read)
        {
            var adjustedBy = new Dictionary<(string Account, JournalReconciliation Statement), JournalTransaction>();
            foreach (var transaction in read)
            {
                foreach (var posting in transaction.Postings.Where(p => p.Reconciliation is { Adjustment: true }))
                {
                    var key = (posting.Account, posting.Reconciliation! with { Adjustment = false });
                    if (adjustedBy.TryGetValue(key, out var other) && other != transaction)
                    {
                        Error(transaction.Line, $"It is the adjustment of the reconciliation of \"{posting.Account}\" on " +
                            $"{key.Item2.StatementDate:yyyy-MM-dd}, and so is the transaction on line {other.Line}; a reconciliation posts one adjustment.");
                    }
                    adjustedBy.TryAdd(key, transaction);
                }
            }
        }

        /// <summary>
        /// The restore posts in number order, and an account's balance must stay within what can be stored (64 bits of minor
        /// units) after each transaction, as must its total for each day: a journal whose sums pass that is refused here, with
        /// the line that passes it, rather than halfway through the restore.
        /// </summary>
        private void Storable(List<JournalTransaction> read)
        {
            static bool Fits(Int128 sum) => sum >= long.MinValue && sum <= long.MaxValue;
            var balances = new Dictionary<string, Int128>(StringComparer.Ordinal);
            var days = new Dictionary<(string Account, DateOnly Date), (Int128 Sum, int Line)>();
            var passed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var transaction in read.OrderBy(t => t.Number))
            {
                foreach (var posting in transaction.Postings)
                {
                    var balance = balances[posting.Account] = balances.GetValueOrDefault(posting.Account) + posting.Amount;
                    if (!Fits(balance) && passed.Add(posting.Account))
                    {
                        Error(transaction.Line, $"It takes the balance of \"{posting.Account}\" beyond what can be stored (64 bits of minor units).");
                    }
                    var day = (posting.Account, transaction.Date);
                    days[day] = (days.GetValueOrDefault(day).Sum + posting.Amount, transaction.Line);
                }
            }
            foreach (var ((account, date), (sum, line)) in days.Where(d => !Fits(d.Value.Sum) && !passed.Contains(d.Key.Account)))
            {
                Error(line, $"The postings to \"{account}\" on {date:yyyy-MM-dd} add up to more than can be stored for one day (64 bits of minor units).");
            }
        }

        /// <summary>Only an account at zero can be archived, and postings cannot reach it afterwards: an archived account's postings must add up to zero.</summary>
        private void ArchivedAtZero(IEnumerable<JournalAccount> read, List<JournalTransaction> transactionsRead)
        {
            var archived = read.Where(a => a.Archived).ToDictionary(a => a.JournalName, a => (Account: a, Balance: (Int128)0));
            if (archived.Count == 0)
            {
                return;
            }
            foreach (var posting in transactionsRead.SelectMany(t => t.Postings).Where(p => archived.ContainsKey(p.Account)))
            {
                var entry = archived[posting.Account];
                archived[posting.Account] = entry with { Balance = entry.Balance + posting.Amount };
            }
            foreach (var (account, balance) in archived.Values.Where(a => a.Balance != 0))
            {
                var shown = ((decimal)balance / (decimal)Math.Pow(10, Currencies.MinorDigits(account.Currency)))
                    .ToString("F" + Currencies.MinorDigits(account.Currency), CultureInfo.InvariantCulture);
                Error(account.Line, $"The account \"{account.JournalName}\" is archived but its postings add up to {shown} {account.Currency}; " +
                    "only an account at zero can be archived.");
            }
        }
    }
}
