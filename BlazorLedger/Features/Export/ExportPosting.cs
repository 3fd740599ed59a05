namespace BlazorLedger.Features.Export;

/// <summary>One posting: minor units of its account's currency, debit positive.</summary>
public sealed record ExportPosting(Guid AccountId, long Amount, string? Memo);
