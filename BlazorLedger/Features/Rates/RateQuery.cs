namespace BlazorLedger.Features.Rates;

/// <summary>Which of a book's rates to list: one currency, and dates from and to (inclusive); null is no limit.</summary>
public sealed record RateQuery(string? Currency = null, DateOnly? From = null, DateOnly? To = null);
