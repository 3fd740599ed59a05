using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorLedger.Features.Api;

public static class ApiRegistration
{
    public const string ReadPolicy = "api:read";
    public const string WritePolicy = "api:write";
    public const string RateLimitPolicy = "api";

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApiTokenService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Only bearer tokens count on the API: a browser's cookie must not authorize API calls.
            .AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(WritePolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenAuthenticationHandler.ScopeClaim, ApiScopes.Write));

        var perMinute = configuration.GetValue("Api:RequestsPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"This token may make {perMinute} requests a minute; try again in {retryAfter} s.").ExecuteAsync(context.HttpContext);
            };
        });
        services.AddOpenApi(options =>
        {
            // The document describes the public API only, not the app's own form endpoints.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddSchemaTransformer(ApiJson.DescribeFieldsAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "BlazorLedger API";
                document.Info.Description = "Send a personal access token (created on the API tokens page) as \"Authorization: Bearer <token>\". " +
                    "Amounts are decimal strings with the currency's digits (\"12.30\"); *Minor fields are the same in minor units.";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
