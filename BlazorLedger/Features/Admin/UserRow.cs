namespace BlazorLedger.Features.Admin;

public sealed record UserRow(string Id, string DisplayName, string Email, bool IsAdmin, DateTime CreatedAt, DateTime? LastSignInAt,
    int FailedSignIns, UserStatus Status, int Books);
