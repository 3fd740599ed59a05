namespace BlazorLedger.Features.Transactions;

/// <summary>Another transaction that one links to (its reversal, what it corrects, its replacement), by id and number.</summary>
public sealed record TransactionRef(Guid Id, long Number);
