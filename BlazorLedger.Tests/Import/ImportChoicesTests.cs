using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class ImportChoicesTests
{
    private static readonly Guid Checking = Guid.NewGuid(), Food = Guid.NewGuid(), Coffee = Guid.NewGuid(), Archived = Guid.NewGuid();

    private static StatementRow Row(int line, string description, string? payee, long amount = -4_75) =>
        new(line, new DateOnly(2026, 1, line), amount, description, payee, null, $"csv1:{line}");

    private static PreviewRow New(StatementRow row, RuleMatch? rule = null, Guid? remembered = null) =>
        new(row.Line, PreviewRowState.New, row, Rule: rule, RememberedAccountId: remembered,
            Suggestion: OtherAccountSuggestion.For(rule, remembered, row.Payee, new HashSet<Guid> { Food, Coffee }));

    private static ImportPreview Preview(params PreviewRow[] rows) => new()
    {
        Format = StatementFormat.Csv, Encoding = "UTF-8", Account = new ImportAccount(Checking, "Checking", null, "USD"),
        OtherAccounts = [new ImportAccount(Food, "Food", null, "USD"), new ImportAccount(Coffee, "Coffee", "5010", "USD")],
        Rows = rows, Mapping = new CsvMapping { DateColumn = 0, AmountColumn = 1, DescriptionColumn = 2 },
        DateFormat = StatementDateFormat.YearMonthDay, NumberFormat = StatementNumberFormat.PointDecimal,
    };

    private static ImportRuleSet RuleSet(params (string Pattern, Guid? Account, string? Payee)[] rules) =>
        new(rules.Select((r, i) => new ImportRuleDto(Guid.NewGuid(), i, r.Pattern, false, r.Account, null, r.Payee)));

    [Fact]
    public void A_rule_comes_before_the_remembered_account_and_neither_proposes_an_account_the_row_cannot_take()
    {
        var eligible = new HashSet<Guid> { Food, Coffee };
        var rule = new RuleMatch(Guid.NewGuid(), Coffee, "Starbucks Coffee");

        Assert.Equal(new OtherAccountSuggestion(Coffee, SuggestionSource.Rule, "Starbucks Coffee"),
            OtherAccountSuggestion.For(rule, Food, "STARBUCKS", eligible));
        Assert.Equal(new OtherAccountSuggestion(Food, SuggestionSource.Remembered, "Starbucks Coffee"),
            OtherAccountSuggestion.For(rule with { AccountId = Archived }, Food, "STARBUCKS", eligible));
        Assert.Equal(new OtherAccountSuggestion(null, SuggestionSource.None, "STARBUCKS"),
            OtherAccountSuggestion.For(null, Archived, "STARBUCKS", eligible));
        Assert.Equal(new OtherAccountSuggestion(Food, SuggestionSource.Rule, null),
            OtherAccountSuggestion.For(new RuleMatch(Guid.NewGuid(), Food, null), null, null, eligible));
    }

    [Fact]
    public void Payees_are_remembered_by_their_words_whatever_the_spacing_or_case_and_descriptions_stand_in_for_missing_ones()
    {
        Assert.Equal("green market", PayeeKey.Of("  GREEN\tmarket "));
        Assert.Equal("weekly shop", PayeeKey.Of("Weekly  Shop", null));
        Assert.Equal("acme", PayeeKey.Of("Salary", " Acme "));
    }

    [Fact]
    public void New_rows_start_included_with_their_proposal_and_other_rows_are_never_imported()
    {
        var choices = new ImportChoices(Preview(
            New(Row(2, "Card payment", "Starbucks"), remembered: Coffee),
            new PreviewRow(3, PreviewRowState.Duplicate, Row(3, "Card payment", "Starbucks"), DuplicateOfNumber: 7),
            new PreviewRow(4, PreviewRowState.Invalid, null, new StatementError(4, 1, "\"x\" is not a date."))));

        Assert.Equal(1, choices.Included);
        Assert.True(choices.CanImport);
        var command = choices.ToCommand(Guid.Empty, "jan.csv");
        var row = Assert.Single(command.Rows);
        Assert.Equal((2, Coffee, "Starbucks", "csv1:2"), (row.Line, row.OtherAccountId!.Value, row.Payee, row.Fingerprint));
        Assert.Equal((Checking, StatementFormat.Csv), (command.AccountId, command.Format));
        Assert.Equal(StatementDateFormat.YearMonthDay, command.Mapping!.DateFormat);
    }

    [Fact]
    public void Rows_without_an_account_are_named_until_one_is_chosen_or_they_are_left_out()
    {
        var choices = new ImportChoices(Preview(New(Row(2, "A", null)), New(Row(3, "B", null)), New(Row(4, "C", null), remembered: Food)));

        Assert.Equal([2, 3], choices.MissingAccountLines);
        Assert.Equal("2 rows have no other account (lines 2, 3): choose one for each, or leave them out.", choices.Problem);
        Assert.False(choices.CanImport);

        choices.Rows[1].Include = false;
        Assert.Equal("The row on line 2 has no other account: choose one, or leave the row out.", choices.Problem);

        choices.Choose(choices.Rows[0], Coffee);
        Assert.Null(choices.Problem);
        Assert.Equal((2, 1), (choices.Included, choices.LeftOut));
        Assert.Equal([2, 4], choices.ToCommand(Guid.Empty, "x.csv").Rows.Select(r => r.Line));

        choices.IncludeAll(false);
        Assert.Equal("Every new row is left out: tick the rows to import.", choices.Problem);
    }

    [Fact]
    public void An_account_can_be_given_to_every_row_still_without_one_at_once()
    {
        var choices = new ImportChoices(Preview(New(Row(2, "A", null)), New(Row(3, "B", null), remembered: Coffee), New(Row(4, "C", null))));

        Assert.Equal(2, choices.ChooseForUnassigned(Food));

        Assert.Equal([Food, Coffee, Food], choices.Rows.Select(r => r.AccountId!.Value));
        Assert.Equal(1, choices.ChooseForUnassigned(Coffee) + 1);
    }

    [Fact]
    public void A_new_rule_proposes_again_for_rows_not_chosen_by_hand_and_sets_its_payee_on_every_row_it_matches()
    {
        var choices = new ImportChoices(Preview(
            New(Row(2, "STARBUCKS #12", null)), New(Row(3, "STARBUCKS #40", null)), New(Row(4, "Market", null), remembered: Food)));
        choices.Choose(choices.Rows[1], Food);

        choices.Apply(RuleSet(("starbucks", Coffee, "Starbucks")));

        Assert.Equal([(Coffee, SuggestionSource.Rule, "Starbucks"), (Food, SuggestionSource.None, "Starbucks"), (Food, SuggestionSource.Remembered, null)],
            choices.Rows.Select(r => (r.AccountId!.Value, r.Source, r.Payee)));
    }

    [Fact]
    public void An_account_that_is_not_offered_cannot_be_chosen()
    {
        var choices = new ImportChoices(Preview(New(Row(2, "A", null))));

        choices.Choose(choices.Rows[0], Archived);

        Assert.Null(choices.Rows[0].AccountId);
        Assert.False(choices.CanImport);
    }
}
