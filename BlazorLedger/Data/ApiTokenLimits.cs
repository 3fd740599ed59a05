namespace BlazorLedger.Data;

/// <inheritdoc cref="BookLimits"/>
public static class ApiTokenLimits
{
    public const int MaxName = 100;
}
