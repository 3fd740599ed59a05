namespace BlazorLedger.Features.Api;

public sealed record ApiCreateAccount(string? Name, string? Code, string? Type, string? Currency);
