namespace BlazorLedger.Features.Transactions;

/// <summary>
/// One page of an account's register. <paramref name="Cursor"/> is what the previous page returned as NextCursor;
/// null starts at the newest posting. <paramref name="Text"/> matches description, payee or memo.
/// </summary>
public sealed record RegisterQuery(Guid BookId, Guid AccountId, int Limit = 50, string? Cursor = null,
    DateOnly? From = null, DateOnly? To = null, string? Text = null);
