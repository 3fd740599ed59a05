namespace BlazorLedger.Features.Rates;

/// <summary>One unit of <paramref name="Currency"/> is worth <paramref name="Rate"/> of the book's base currency from <paramref name="Date"/> on.</summary>
public sealed record ExchangeRateDto(string Currency, DateOnly Date, decimal Rate);
