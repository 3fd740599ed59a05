namespace BlazorLedger.Features.Api;

/// <summary>A new book: its name, base currency (ISO 4217) and the chart it starts from: "household", "small-business" or "empty" (the default).</summary>
public sealed record ApiCreateBook(string? Name, string? Currency, string? Template);
