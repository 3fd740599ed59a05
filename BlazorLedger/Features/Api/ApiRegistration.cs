using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using System.Security.Claims;
using BlazorLedger.Common;
using BlazorLedger.Features.Instances;
using BlazorLedger.Features.Users;

namespace BlazorLedger.Features.Api;

public static class ApiRegistration
{
    public const string ReadPolicy = "api:read";
    public const string WritePolicy = "api:write";
    public const string RateLimitPolicy = "api";

    private static bool IsApi(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitPolicy;

    internal static async Task TooManyRequestsAsync(HttpContext http, int retryAfterSeconds, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: 429, title: "Too many requests", detail: detail).ExecuteAsync(http);
    }

    /// <summary>
    /// A fixed window of a minute: in memory on SQLite (one instance), in the database on PostgreSQL, where
    /// <see cref="SharedRateWindows"/> is registered and every instance counts in the same window.
    /// </summary>
    private static RateLimitPartition<string> PerMinute(HttpContext http, string partition, int permits) =>
        http.RequestServices.GetService<SharedRateWindows>() is { } shared
            ? RateLimitPartition.Get(partition, key => new SharedWindowLimiter(shared, key, permits, TimeSpan.FromMinutes(1)))
            : RateLimitPartition.GetFixedWindowLimiter(partition,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApiTokenService>().AddSingleton<ActiveTokenQuery>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Only bearer tokens count on the API: a browser's cookie must not authorize API calls.
            .AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(WritePolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenAuthenticationHandler.ScopeClaim, ApiScopes.Write));

        var section = configuration.GetSection("Api");
        services.AddOptions<ApiOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        // The limiters are built here, from the same values; a wrong one stops start-up through the validation above.
        var limits = section.Get<ApiOptions>() ?? new ApiOptions();
        var (perMinute, perUser) = (limits.RequestsPerMinute, limits.RequestsPerMinutePerUser);
        services.AddSingleton(sp => new BadTokenLimiter(limits.BadTokensPerMinute, sp.GetService<SharedRateWindows>()));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, http => PerMinute(http,
                http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value is { } token ? "api-token:" + token
                    : "api-address:" + SignInLimits.ClientAddress(http), perMinute));
            var byUser = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsApi(http) && http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim) is not null
                    ? PerMinute(http, "api-user:" + http.User.FindFirstValue(ClaimTypes.NameIdentifier), perUser)
                    : RateLimitPartition.GetNoLimiter(""));
            options.AddGlobalLimiter(byUser, IsApi, async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                await TooManyRequestsAsync(context.HttpContext, retryAfter,
                    $"A token may make {perMinute} requests a minute, and all of a user's tokens together {perUser}; try again in {retryAfter} s.");
            });
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
                    "Amounts are decimal strings with the currency's digits (\"12.30\"); *Minor fields are the same in minor units. " +
                    $"A write dated on or before a book's lock date is answered 409 with the problem type \"{ApiEndpoints.PeriodClosedType}\" " +
                    "and the lock date as \"lockDate\".";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
