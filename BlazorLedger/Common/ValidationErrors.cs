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
