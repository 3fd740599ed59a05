namespace BlazorLedger.Features.Admin;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);
