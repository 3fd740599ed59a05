using System.Text.Json;
using BlazorLedger.Data;

namespace BlazorLedger.Features.Audit;

internal static class AuditExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds an audit event to the context, to be saved in the same database transaction as the change it records.</summary>
    public static void Audit(this LedgerDbContext db, DateTime at, string? userId, Guid? bookId, string action,
        string entityType, object entityId, object? details = null) =>
        db.AuditEvents.Add(Create(at, userId, bookId, action, entityType, entityId, details));

    public static AuditEvent Create(DateTime at, string? userId, Guid? bookId, string action, string entityType, object entityId,
        object? details = null) =>
        new()
        {
            At = at,
            UserId = userId,
            BookId = bookId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Details = details is null ? "{}" : JsonSerializer.Serialize(details, Json),
        };
}
