using System.ComponentModel.DataAnnotations;

namespace BlazorLedger.Features.Api;

/// <summary>The API's rate limits: section "Api".</summary>
public sealed class ApiOptions
{
    /// <summary>Requests a minute for one token.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Api:RequestsPerMinute must be at least 1.")]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Requests a minute for all of a user's tokens together, so that minting more tokens does not buy more requests.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Api:RequestsPerMinutePerUser must be at least 1.")]
    public int RequestsPerMinutePerUser { get; set; } = 1200;

    /// <summary>Requests with unknown, expired or revoked tokens a minute from one address before it is stopped.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Api:BadTokensPerMinute must be at least 1.")]
    public int BadTokensPerMinute { get; set; } = 20;
}
