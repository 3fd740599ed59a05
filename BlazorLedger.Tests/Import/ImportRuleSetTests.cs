using BlazorLedger.Features.Import;

namespace BlazorLedger.Tests.Import;

public sealed class ImportRuleSetTests
{
    private static readonly Guid Groceries = Guid.NewGuid(), Coffee = Guid.NewGuid(), Salary = Guid.NewGuid();

    private static ImportRuleDto Rule(int position, string pattern, Guid? account, string? payee = null, bool regex = false) =>
        new(Guid.NewGuid(), position, pattern, regex, account, null, payee);

    private static StatementRow Row(string description, string? payee = null) =>
        new(1, new DateOnly(2026, 1, 2), -100, description, payee, null, "csv1:x");

    [Fact]
    public void The_first_rule_in_position_order_whose_text_is_contained_ignoring_case_decides()
    {
        var rules = new ImportRuleSet([Rule(1, "starbucks", Coffee, "Starbucks"), Rule(0, "REWE", Groceries, "REWE"), Rule(2, "bucks", Salary)]);

        var matches = rules.Apply([Row("STARBUCKS #1234 SEATTLE"), Row("Einkauf Rewe Köln"), Row("Rent")]);

        Assert.Equal((Coffee, "Starbucks"), (matches[0]!.AccountId, matches[0]!.Payee));
        Assert.Equal(Groceries, matches[1]!.AccountId);
        Assert.Null(matches[2]);
    }

    [Fact]
    public void A_rule_matches_the_payee_as_well_as_the_description()
    {
        var rules = new ImportRuleSet([Rule(0, "Müller & Söhne", Salary, "Employer")]);

        Assert.Equal(Salary, rules.Match("Gehalt März", "MÜLLER & SÖHNE KG")!.AccountId);
        Assert.Null(rules.Match("Gehalt März", null));
    }

    [Fact]
    public void A_regular_expression_rule_matches_by_pattern_ignoring_case()
    {
        var rules = new ImportRuleSet([Rule(0, @"^payroll\s+\w+\s+corp$", Salary, regex: true)]);

        Assert.NotNull(rules.Match("PAYROLL ACME CORP", null));
        Assert.Null(rules.Match("PAYROLL ACME CORPORATION", null));
    }

    [Fact]
    public void A_pattern_that_would_backtrack_for_ages_still_answers_rightly_and_at_once()
    {
        // A backtracking engine tries (a+)+ every way over the forty a's before it looks further on: it ran out of time and
        // called this no match, and the next rule took the row.
        var rules = new ImportRuleSet([Rule(0, "(a+)+b", Coffee, regex: true), Rule(1, "aaaa", Groceries)]);

        Assert.Equal(Coffee, rules.Match(new string('a', 40) + "! ab", null)!.AccountId);
        Assert.Equal(Groceries, rules.Match(new string('a', 40) + "!", null)!.AccountId);
    }

    [Fact]
    public void A_rule_saved_with_a_look_around_before_keeps_working()
    {
        var rules = new ImportRuleSet([Rule(0, "(?<=card )shell", Coffee, regex: true)]);

        Assert.NotNull(rules.Match("CARD SHELL 1234", null));
        Assert.Null(rules.Match("SHELL 1234", null));
    }

    [Theory]
    [InlineData("(?<=card )shell")]
    [InlineData(@"(\w)\1")]
    [InlineData("(?>a+)b")]
    public void A_new_rule_with_a_construct_the_one_pass_engine_lacks_is_refused_with_the_reason(string pattern)
    {
        Assert.False(ImportRuleSet.TryCompile(pattern, out _, out var error));
        Assert.StartsWith("Rules match in one pass over the text, which leaves out look-arounds, back-references and atomic groups", error);
    }

    [Fact]
    public void An_invalid_regular_expression_is_refused_with_the_reason()
    {
        Assert.False(ImportRuleSet.TryCompile("(unclosed", out _, out var error));
        Assert.StartsWith("This is not a valid regular expression", error);
    }
}
