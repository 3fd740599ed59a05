using BlazorLedger.Data;

namespace BlazorLedger.Features.Accounts;

/// <summary>
/// A new account, optionally under <paramref name="ParentId"/> (an account of the same type) and with an opening balance:
/// <paramref name="OpeningBalance"/> in minor units as people read the account (an asset's holding or a liability's debt
/// positive, an overdraft negative), dated <paramref name="OpeningDate"/> (today when none), posted against the book's
/// "Opening balances" equity account together with the account's creation.
/// </summary>
public sealed record CreateAccount(Guid BookId, string Name, string? Code, AccountType Type, string Currency,
    Guid? ParentId = null, long? OpeningBalance = null, DateOnly? OpeningDate = null);
