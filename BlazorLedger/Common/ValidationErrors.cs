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
