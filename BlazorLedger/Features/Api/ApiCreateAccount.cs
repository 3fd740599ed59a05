namespace BlazorLedger.Features.Api;

/// <summary>
/// A new account. <see cref="ParentId"/>: an account of the same type to roll up into. <see cref="OpeningBalance"/>: what
/// the account holds as people read it (an asset's money or a liability's debt positive), posted on <see cref="OpeningDate"/>
/// (yyyy-MM-dd, today when left out) against the book's "Opening balances" equity account, in the same step.
/// </summary>
public sealed record ApiCreateAccount(string? Name, string? Code, string? Type, string? Currency, Guid? ParentId = null,
    ApiAmount? OpeningBalance = null, string? OpeningDate = null);
