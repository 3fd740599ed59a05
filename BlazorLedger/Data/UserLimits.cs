namespace BlazorLedger.Data;

/// <inheritdoc cref="BookLimits"/>
public static class UserLimits
{
    public const int MaxDisplayName = 100;
}
