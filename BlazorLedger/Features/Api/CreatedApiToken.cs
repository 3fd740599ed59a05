namespace BlazorLedger.Features.Api;

/// <summary>A new token: <see cref="Secret"/> is shown to its owner once and never stored.</summary>
public sealed record CreatedApiToken(ApiTokenDto Token, string Secret);
