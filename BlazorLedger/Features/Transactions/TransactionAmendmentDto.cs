namespace BlazorLedger.Features.Transactions;

/// <summary>One amendment in a transaction's history: the version it made, who and when, and the fields before and after.</summary>
public sealed record TransactionAmendmentDto(long Version, DateTime At, string ByName, AmendableFields Before, AmendableFields After);
