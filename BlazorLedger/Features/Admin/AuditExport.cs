using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Features.Users;

namespace BlazorLedger.Features.Admin;

public static class AuditExport
{
    /// <summary>GET /admin/audit.csv?user=&amp;action=&amp;from=&amp;to= streams the matching audit entries as CSV (admins only).</summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/audit.csv", async (HttpContext http, AuditLogService audit, string? user, string? action, DateOnly? from,
                DateOnly? to, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
                await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), leaveOpen: true);
                var result = await audit.ExportCsvAsync(actor, new AuditQuery(user, action, from, to), writer, ct);
                if (!result.Succeeded && !http.Response.HasStarted)
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                }
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        return endpoints;
    }
}
