using BlazorLedger.Data;

namespace BlazorLedger.Features.Accounts;

/// <summary>An edit of an account, made against the <paramref name="Version"/> the user saw.</summary>
public sealed record UpdateAccount(Guid BookId, Guid AccountId, long Version, string Name, string? Code, AccountType Type, string Currency);
