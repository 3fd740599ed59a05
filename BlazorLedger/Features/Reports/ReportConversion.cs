using BlazorLedger.Features.Rates;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// How a report was put into the book's base currency: the rates used (each the latest dated on or before
/// <paramref name="On"/>) and the currencies left as they are because the book has no rate for them on that day.
/// </summary>
public sealed record ReportConversion(string BaseCurrency, DateOnly On, IReadOnlyList<ExchangeRateDto> Rates, IReadOnlyList<string> Unconverted);

/// <summary>A line converted into the base currency: what it is in its own currency, and the rate and its date.</summary>
public sealed record ConvertedFrom(string Currency, long Amount, decimal Rate, DateOnly RateDate);
