namespace BlazorLedger.Features.Rates;

/// <summary>Sets (adds or replaces) each rate of <paramref name="Rates"/> in the book: all of them, or none if one is refused.</summary>
public sealed record SetRates(Guid BookId, IReadOnlyList<ExchangeRateDto> Rates);
