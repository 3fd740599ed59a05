using BlazorLedger.Data;

namespace BlazorLedger.Features.Accounts;

public sealed record AccountDto(Guid Id, Guid BookId, string Name, string? Code, AccountType Type, string Currency,
    bool Archived, long Balance, long Version, DateTime CreatedAt, Guid? ParentId = null);
