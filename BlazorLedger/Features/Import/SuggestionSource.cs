namespace BlazorLedger.Features.Import;

/// <summary>Where a row's proposed other account came from.</summary>
public enum SuggestionSource
{
    None,
    Rule,
    Remembered,

    /// <summary>The schedule the row stands for.</summary>
    Schedule,
}
