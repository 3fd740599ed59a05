namespace BlazorLedger.Features.Admin;

public sealed record AuditQuery(string? User = null, string? Action = null, DateOnly? From = null, DateOnly? To = null,
    int Limit = 50, string? Cursor = null);
