namespace BlazorLedger.Features.Transactions;

public sealed record RegisterPage(string Currency, IReadOnlyList<RegisterRow> Items, string? NextCursor);
