namespace BlazorLedger.Features.Rates;

/// <summary>A book's rates (newest first, then by currency) and the currency they convert into.</summary>
public sealed record RateTable(string BaseCurrency, IReadOnlyList<ExchangeRateDto> Rates);
