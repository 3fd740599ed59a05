namespace BlazorLedger.Features.Api;

/// <summary>Who an API request acts for, once its bearer token checked out; <paramref name="OnlyBook"/> for a token limited to one book.</summary>
public sealed record ApiCaller(string UserId, Guid TokenId, string Scope, Guid? OnlyBook = null);
