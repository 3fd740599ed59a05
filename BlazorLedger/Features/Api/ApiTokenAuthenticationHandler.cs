using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorLedger.Common;
using BlazorLedger.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Api;

/// <summary>Authenticates "Authorization: Bearer &lt;personal access token&gt;" for the HTTP API (and nothing else).</summary>
internal sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiTokenService tokens, BadTokenLimiter badTokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "token_id";
    private const string TooManyBadTokens = "api-too-many-bad-tokens";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("The Authorization header must be \"Bearer <token>\".");
        }
        var address = SignInLimits.ClientAddress(Context);
        if (!badTokens.MayTry(address, out var retryAfter))
        {
            Context.Items[TooManyBadTokens] = retryAfter;
            return AuthenticateResult.Fail("Too many bad tokens from this address.");
        }
        var caller = await tokens.AuthenticateAsync(header[7..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            await badTokens.CountFailureAsync(address, Context.RequestAborted);
            return AuthenticateResult.Fail("The token is unknown, expired or revoked, or its user cannot sign in.");
        }
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, caller.UserId),
            new Claim(ScopeClaim, caller.Scope),
            new Claim(TokenIdClaim, caller.TokenId.ToString()),
        ];
        if (caller.OnlyBook is { } book)
        {
            claims.Add(new Claim(Actor.OnlyBookClaim, book.ToString()));
        }
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[TooManyBadTokens] is TimeSpan retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            await ApiRegistration.TooManyRequestsAsync(Context, seconds,
                $"This address sent more than {badTokens.PerMinute} unknown, expired or revoked tokens in a minute; try again in {seconds} s.");
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized",
            detail: "Send a valid personal access token as \"Authorization: Bearer <token>\".").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "This token's scope does not allow this request; it needs write.")
            .ExecuteAsync(Context);
    }
}
