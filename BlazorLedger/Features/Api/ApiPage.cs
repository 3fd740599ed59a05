namespace BlazorLedger.Features.Api;

public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);
