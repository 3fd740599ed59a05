namespace BlazorLedger.Common;

/// <summary>Collects field errors while validating a command.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>
    /// Refuses <paramref name="text"/> when it holds the NUL character, which PostgreSQL cannot store in text (other control
    /// characters, such as a memo's line breaks, are kept, and the exports escape them).
    /// </summary>
    public void AddIfNul(string field, string? text, string what)
    {
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            Add(field, $"{what} cannot contain the NUL character (U+0000).");
        }
    }

    /// <summary>
    /// Refuses a name that holds a character made to be unseen: one that reverses or reorders the text after it (so that
    /// "\u202EhsaC" shows as "Cash"), or one that takes no room (zero-width space, word joiner, soft hyphen, byte order
    /// mark), with which a name can look exactly like another. The joiners that some scripts and emoji need are kept.
    /// </summary>
    public void AddIfDeceptive(string field, string? text, string what)
    {
        if (text?.FirstOrDefault(IsDeceptive) is { } c and not '\0')
        {
            Add(field, $"{what} cannot contain invisible or text-direction characters (U+{(int)c:X4}): they can make it look like another.");
        }
    }

    /// <summary><paramref name="text"/> without the characters <see cref="AddIfDeceptive"/> refuses, for a name made from another.</summary>
    public static string WithoutDeceptive(string text) => text.Any(IsDeceptive) ? new string(text.Where(c => !IsDeceptive(c)).ToArray()) : text;

    private static bool IsDeceptive(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E';

    /// <summary>Takes over <paramref name="other"/>'s errors with their fields under <paramref name="prefix"/>, e.g. "Transactions[3].".</summary>
    public void AddAll(string prefix, ValidationErrors other)
    {
        foreach (var (field, messages) in other.errors)
        {
            foreach (var message in messages)
            {
                Add(prefix + field, message);
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Result<T> ToResult<T>() => Result<T>.Invalid(ToDictionary());
}
