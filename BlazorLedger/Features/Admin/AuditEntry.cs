namespace BlazorLedger.Features.Admin;

/// <summary>Audit entries as admins see them. Book names and details appear only for books the admin belongs to.</summary>
public sealed record AuditEntry(long Id, DateTime At, string? UserId, string? UserName, string Action, string EntityType, string EntityId,
    string? BookName, string? Details);
