namespace BlazorLedger.Features.Admin;

public sealed record CurrencyVolume(string Currency, long Minor);
