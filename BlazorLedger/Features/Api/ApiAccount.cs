namespace BlazorLedger.Features.Api;

public sealed record ApiAccount(Guid Id, string Name, string? Code, string Type, string Currency, string Balance, long BalanceMinor,
    bool Archived, long Version, Guid? ParentId);
