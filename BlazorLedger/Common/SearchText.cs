namespace BlazorLedger.Common;

/// <summary>Turns what people type into a LIKE pattern that matches it anywhere, with % and _ taken literally.</summary>
public static class SearchText
{
    /// <summary>The escape character to pass to EF.Functions.Like with these patterns.</summary>
    public const string Escape = "\\";

    public static string? ContainsPattern(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
