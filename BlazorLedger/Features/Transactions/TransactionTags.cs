using BlazorLedger.Common;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// The one rule for tags: trimmed and lower case (so "Travel" and "travel" are one tag), without blanks or repeats, each
/// 1 to <see cref="TransactionLimits.MaxTag"/> letters, digits or - _ / . and at most <see cref="TransactionLimits.MaxTags"/>
/// per transaction. The characters keep a tag one word in a search box, a URL and a journal's comment.
/// </summary>
public static class TransactionTags
{
    public const string Field = "Tags";

    /// <summary>Trims and lower-cases each tag, drops blanks and repeats, keeps the first-seen order.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>"a, b c" as typed in a form: separated by commas or spaces.</summary>
    public static IReadOnlyList<string> Parse(string? text) =>
        Normalize((text ?? "").Split([',', ' ', ';', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static bool IsValid(string tag) => tag.Length is > 0 and <= TransactionLimits.MaxTag && tag.All(IsTagChar);

    /// <summary>Adds why <paramref name="normalized"/> cannot be stored, under <paramref name="field"/>.</summary>
    public static void Validate(IReadOnlyList<string> normalized, ValidationErrors errors, string field = Field)
    {
        if (normalized.Count > TransactionLimits.MaxTags)
        {
            errors.Add(field, $"A transaction has at most {TransactionLimits.MaxTags} tags.");
        }
        var bad = normalized.Where(t => !IsValid(t)).ToList();
        if (bad.Count > 0)
        {
            // Every one, so that one correction fixes them all; a few of a great many.
            var named = string.Join(", ", bad.Take(NamedAtMost).Select(t => $"\"{Printable(t)}\"")) +
                (bad.Count > NamedAtMost ? $" and {bad.Count - NamedAtMost} more" : "");
            errors.Add(field, $"A tag has 1 to {TransactionLimits.MaxTag} letters, digits, \"-\", \"_\", \"/\" or \".\"; " +
                (bad.Count == 1 ? $"{named} does not." : $"these do not: {named}."));
        }
    }

    private const int NamedAtMost = 10;

    private static bool IsTagChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '/' or '.';

    private static string Printable(string tag)
    {
        var shown = new string(tag.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length > TransactionLimits.MaxTag + 3 ? shown[..TransactionLimits.MaxTag] + "…" : shown;
    }
}
