namespace BlazorLedger.Features.Transactions;

public sealed record TransactionPage(IReadOnlyList<TransactionListItem> Items, string? NextCursor);
