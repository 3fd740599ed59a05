using BlazorLedger.Data;

namespace BlazorLedger.Features.Export;

/// <summary>
/// An account as the journal formats declare it; <paramref name="ParentId"/> is the account it rolls up into, and
/// <paramref name="Statements"/> the reconciliations that reconciled none of its postings (a statement with nothing new on it).
/// </summary>
public sealed record ExportAccount(Guid Id, string Name, string? Code, AccountType Type, string Currency, bool Archived, Guid? ParentId = null,
    IReadOnlyList<ExportReconciliation>? Statements = null);
