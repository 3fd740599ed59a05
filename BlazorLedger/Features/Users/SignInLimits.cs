using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BlazorLedger.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Rate limits for the pages where someone can guess: per client address and per account, on top of the account
/// lockout (which only counts wrong passwords of accounts that exist, and not reset mails or recovery codes).
/// </summary>
public static class SignInLimits
{
    private const string AccountKey = "signin-limit-account";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInLimitOptions>().BindConfiguration("SignIn:Limits").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimitOptions>>((options, limits) =>
        {
            var window = TimeSpan.FromMinutes(limits.Value.WindowMinutes);
            var byAddress = PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + ClientAddress(http), _ => Window(limits.Value.PerAddress, window))
                : RateLimitPartition.GetNoLimiter(""));
            var byAccount = PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http) && http.Items[AccountKey] is string account
                ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => Window(limits.Value.PerAccount, window))
                : RateLimitPartition.GetNoLimiter(""));
            options.AddGlobalLimiter(PartitionedRateLimiter.CreateChained(byAddress, byAccount), IsAttempt, async (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await new RazorComponentResult<TooManyAttemptsPage>(new { Minutes = minutes }) { StatusCode = StatusCodes.Status429TooManyRequests }
                    .ExecuteAsync(context.HttpContext);
            });
        });
        return services;
    }

    /// <summary>
    /// Finds whose account a submission is for before the rate limiter runs (its partitions cannot wait for the form):
    /// the address typed into the form, or the user half-way through two-factor sign-in.
    /// </summary>
    public static IApplicationBuilder UseSignInLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsAttempt(http))
        {
            var account = http.Request.HasFormContentType ? (string?)(await http.Request.ReadFormAsync(http.RequestAborted))["Input.Email"] : null;
            if (string.IsNullOrWhiteSpace(account))
            {
                var twoFactor = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
                account = twoFactor.Principal?.FindFirstValue(ClaimTypes.Name);
            }
            if (!string.IsNullOrWhiteSpace(account))
            {
                http.Items[AccountKey] = account.Trim().ToUpperInvariant();
            }
        }
        await next(http);
    });

    private static bool IsAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<LimitAttemptsAttribute>() is not null;

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0 };

    /// <summary>The client's address; an IPv6 address stands for its /64, since one machine can pick any address in it.</summary>
    public static string ClientAddress(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }
}
