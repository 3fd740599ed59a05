using System.Text.RegularExpressions;

namespace BlazorLedger.Features.Import;

/// <summary>
/// A book's rules, ready to apply: the first rule (in position order) whose pattern the row's description or payee contains,
/// ignoring case, or matches as a regular expression, decides. Regular expressions run on .NET's non-backtracking engine, in
/// time proportional to the text whatever the pattern, so no rule can stall an import or answer wrongly for lack of time;
/// the engine has no look-arounds, back-references or atomic groups, and a new rule that uses them is refused. A rule saved
/// with one before runs as it always did, on the backtracking engine, where a match taking longer than
/// <see cref="MatchTimeout"/> counts as none.
/// </summary>
internal sealed class ImportRuleSet
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private readonly List<(ImportRuleDto Rule, Regex? Regex)> rules;

    public ImportRuleSet(IEnumerable<ImportRuleDto> rules) =>
        this.rules = rules.OrderBy(r => r.Position).ThenBy(r => r.Id)
            .Select(r => (r, r.IsRegex ? CompileSaved(r.Pattern) : null))
            .Where(r => !r.Item1.IsRegex || r.Item2 is not null)
            .ToList();

    /// <summary>Compiles a new rule's regular expression as the rules run it; on failure <paramref name="error"/> says why.</summary>
    public static bool TryCompile(string pattern, out Regex? regex, out string error)
    {
        regex = null;
        error = "";
        try
        {
            regex = new Regex(pattern, Options | RegexOptions.NonBacktracking, MatchTimeout);
            return true;
        }
        catch (NotSupportedException ex)
        {
            error = $"Rules match in one pass over the text, which leaves out look-arounds, back-references and atomic groups: {ex.Message}";
            return false;
        }
        catch (ArgumentException ex)
        {
            error = $"This is not a valid regular expression: {ex.Message}";
            return false;
        }
    }

    private static Regex? CompileSaved(string pattern)
    {
        if (TryCompile(pattern, out var regex, out _))
        {
            return regex;
        }
        try
        {
            return new Regex(pattern, Options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
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
