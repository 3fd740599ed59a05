using System.Text.RegularExpressions;

namespace BlazorLedger.Features.Import;

/// <summary>
/// A book's rules, ready to apply: the first rule (in position order) whose pattern the row's description or payee contains,
/// ignoring case, or matches as a regular expression, decides. A regular expression that takes longer than
/// <see cref="MatchTimeout"/> on a row counts as not matching it, so a pathological pattern cannot stall an import.
/// </summary>
internal sealed class ImportRuleSet
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private readonly List<(ImportRuleDto Rule, Regex? Regex)> rules;

    public ImportRuleSet(IEnumerable<ImportRuleDto> rules) =>
        this.rules = rules.OrderBy(r => r.Position).ThenBy(r => r.Id)
            .Select(r => (r, r.IsRegex && TryCompile(r.Pattern, out var regex, out _) ? regex : null))
            .Where(r => !r.Item1.IsRegex || r.Item2 is not null)
            .ToList();

    /// <summary>Compiles a rule's regular expression as the rules run it; on failure <paramref name="error"/> says why.</summary>
    public static bool TryCompile(string pattern, out Regex? regex, out string error)
    {
        regex = null;
        error = "";
        try
        {
            regex = new Regex(pattern, Options, MatchTimeout);
            return true;
        }
        catch (ArgumentException ex)
        {
            error = $"This is not a valid regular expression: {ex.Message}";
            return false;
        }
    }

    public RuleMatch? Match(string description, string? payee)
    {
        foreach (var (rule, regex) in rules)
        {
            if (Matches(rule, regex, description) || (payee is not null && Matches(rule, regex, payee)))
            {
                return new RuleMatch(rule.Id, rule.AccountId, rule.Payee);
            }
        }
        return null;
    }

    /// <summary>The match of each row, in the rows' order; null where no rule matches.</summary>
    public IReadOnlyList<RuleMatch?> Apply(IReadOnlyList<StatementRow> rows) => rows.Select(r => Match(r.Description, r.Payee)).ToList();

    private static bool Matches(ImportRuleDto rule, Regex? regex, string text)
    {
        if (regex is null)
        {
            return text.Contains(rule.Pattern, StringComparison.OrdinalIgnoreCase);
        }
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
