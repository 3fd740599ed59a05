using BlazorLedger.Data;

namespace BlazorLedger.Features.Accounts;

/// <summary>
/// An edit of an account, made against the <paramref name="Version"/> the user saw. <paramref name="ParentId"/> is the
/// parent it is to have (null: none); <paramref name="Archived"/> archives or restores it in the same step, null leaves it.
/// </summary>
public sealed record UpdateAccount(Guid BookId, Guid AccountId, long Version, string Name, string? Code, AccountType Type, string Currency,
    Guid? ParentId = null, bool? Archived = null);
