namespace BlazorLedger.Features.Import;

/// <summary>
/// The preview step as a form: for each new row, whether to import it and the other account to post it against (proposed by
/// the rules and the user's past choices, or chosen by hand); the command that imports what is chosen.
/// </summary>
internal sealed class ImportChoices
{
    private readonly HashSet<Guid> eligible;

    public ImportChoices(ImportPreview preview)
    {
        Preview = preview;
        eligible = preview.OtherAccounts.Select(a => a.Id).ToHashSet();
        Rows = preview.Rows.Select(r => new Choice(r)).ToList();
    }

    public ImportPreview Preview { get; }

    /// <summary>Every row of the file, in file order.</summary>
    public IReadOnlyList<Choice> Rows { get; }

    public IEnumerable<Choice> New => Rows.Where(r => r.Preview.State == PreviewRowState.New);

    public int Included => New.Count(r => r.Include);

    public int LeftOut => New.Count(r => !r.Include);

    /// <summary>Lines of included rows that have no other account yet.</summary>
    public IReadOnlyList<int> MissingAccountLines => New.Where(r => r.Include && r.AccountId is null).Select(r => r.Preview.Line).ToList();

    /// <summary>Why the chosen rows cannot be imported yet; null when they can.</summary>
    public string? Problem => Preview.NewCount == 0 ? null
        : Included == 0 ? "Every new row is left out: tick the rows to import."
        : MissingAccountLines is { Count: > 0 } missing ? ImportService.MissingAccounts(missing)
        : null;

    public bool CanImport => Included > 0 && Problem is null;

    public void Choose(Choice row, Guid? accountId)
    {
        row.AccountId = accountId is { } id && eligible.Contains(id) ? id : null;
        row.Source = SuggestionSource.None;
        row.ByHand = true;
    }

    /// <summary>Gives every included row that has no account yet <paramref name="accountId"/>.</summary>
    public int ChooseForUnassigned(Guid accountId)
    {
        var rows = New.Where(r => r.Include && r.AccountId is null).ToList();
        foreach (var row in rows)
        {
            Choose(row, accountId);
        }
        return rows.Count;
    }

    public void IncludeAll(bool include)
    {
        foreach (var row in New)
        {
            row.Include = include;
        }
    }

    /// <summary>
    /// Proposes again with the book's rules as they are now (after a rule was made): rows whose account was chosen by hand keep
    /// it; every new row takes the payee its first matching rule sets.
    /// </summary>
    public void Apply(ImportRuleSet rules)
    {
        foreach (var row in New)
        {
            var read = row.Preview.Row!;
            var suggestion = OtherAccountSuggestion.For(rules.Match(read.Description, read.Payee), row.Preview.RememberedAccountId, read.Payee, eligible);
            row.Payee = suggestion.Payee;
            if (!row.ByHand && row.Preview.Schedule is null)
            {
                row.AccountId = suggestion.AccountId;
                row.Source = suggestion.Source;
            }
        }
    }

    /// <summary>
    /// The import of the included new rows, each with the scheduled occurrence it stands for while its other account is the
    /// schedule's (chosen otherwise, it is a transaction of its own); and of the rows that stand for scheduled transactions
    /// posted already, to be linked to them.
    /// </summary>
    public ImportStatement ToCommand(Guid bookId, string fileName) => new(bookId, Preview.Account.Id, fileName, Preview.Format,
        Rows.Where(r => (r.Preview.State == PreviewRowState.New && r.Include) || r.Preview.State == PreviewRowState.Matched)
            .Select(r => ImportRow.From(r.Preview.Row!, r.AccountId, r.Payee,
                r.Preview.Schedule is { } match && r.AccountId == match.OtherAccountId ? match.Occurrence : null))
            .ToList(),
        Preview.Format == StatementFormat.Csv ? Preview.MappingToRemember : null);

    /// <summary>One row and what was chosen for it.</summary>
    public sealed class Choice(PreviewRow preview)
    {
        public PreviewRow Preview { get; } = preview;

        public bool Include { get; set; } = preview.State == PreviewRowState.New;

        public Guid? AccountId { get; set; } = preview.Suggestion?.AccountId;

        /// <summary>The payee to post: the statement's, or the one a rule sets.</summary>
        public string? Payee { get; set; } = preview.Suggestion?.Payee ?? preview.Row?.Payee;

        public SuggestionSource Source { get; set; } = preview.Suggestion?.Source ?? SuggestionSource.None;

        /// <summary>The account was chosen by hand: rules made later do not change it.</summary>
        public bool ByHand { get; set; }
    }
}
