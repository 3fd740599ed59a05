namespace BlazorLedger.Common;

public sealed record CurrencyInfo(string Code, int MinorDigits, string Name);
