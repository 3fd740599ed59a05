using BlazorLedger.Data;

namespace BlazorLedger.Features.Accounts;

public sealed record CreateAccount(Guid BookId, string Name, string? Code, AccountType Type, string Currency);
