namespace BlazorLedger.Common;

/// <summary>
/// A result's errors keyed by field, as a form shows them beside its inputs. MudBlazor shows an input's error text only
/// when there is one, so a field without errors answers null rather than an empty string.
/// </summary>
public sealed class FieldErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static readonly FieldErrors None = new(new Dictionary<string, string[]>());

    public bool Any => errors.Count > 0;

    public bool Has(string field) => errors.ContainsKey(field);

    /// <summary>All of one field's errors as one line, or null.</summary>
    public string? For(string field) => errors.TryGetValue(field, out var list) && list.Length > 0 ? string.Join(" ", list) : null;

    public static FieldErrors Of<T>(Result<T> result) => result.Errors.Count == 0 ? None : new(result.Errors);
}
