namespace BlazorLedger.Data;

/// <summary>What a rate may be, and how many one request or one book may hold.</summary>
public static class ExchangeRateLimits
{
    public const int MaxSignificantDigits = 10;
    public const int MaxDecimals = 12;
    public const decimal MaxRate = 1_000_000_000m;

    /// <summary>The stored text of a rate: at most 10 digits at most 12 places after the point, so 14 characters; room to spare.</summary>
    public const int MaxText = 32;

    public const int MaxPerRequest = 1_000;
    public const int MaxPerBook = 100_000;
}
