namespace BlazorLedger.Features.Transactions;

/// <summary>One page of a register; <paramref name="RollUp"/>, for a parent, is its balance with all its sub-accounts' per currency.</summary>
public sealed record RegisterPage(string Currency, IReadOnlyList<RegisterRow> Items, string? NextCursor,
    IReadOnlyDictionary<string, Int128>? RollUp = null);
