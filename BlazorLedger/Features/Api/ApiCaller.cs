namespace BlazorLedger.Features.Api;

/// <summary>Who an API request acts for, once its bearer token checked out.</summary>
public sealed record ApiCaller(string UserId, Guid TokenId, string Scope);
