namespace BlazorLedger.Data;

/// <inheritdoc cref="BookLimits"/>
public static class AccountLimits
{
    public const int MaxName = 100;
    public const int MaxCode = 20;
}
