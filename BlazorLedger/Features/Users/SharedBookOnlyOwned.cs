namespace BlazorLedger.Features.Users;

/// <summary>A book that only the user owns while others use it: it would be left without an owner.</summary>
public sealed record SharedBookOnlyOwned(Guid Id, string Name);
