namespace BlazorLedger.Features.Admin;

public enum UserStatus
{
    Active,
    Locked,
    Disabled,
}

public enum UserSort
{
    Name,
    Email,
    Created,
    LastSignIn,
    FailedSignIns,
}

public sealed record UserQuery(string? Search = null, UserSort Sort = UserSort.Name, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record UserRow(string Id, string DisplayName, string Email, bool IsAdmin, DateTime CreatedAt, DateTime? LastSignInAt,
    int FailedSignIns, UserStatus Status, int Books);

public sealed record UserPage(IReadOnlyList<UserRow> Items, int Total);

/// <summary>What creating a user gives the admin to pass on: a temporary password or an invitation link (shown once).</summary>
public sealed record CreatedUser(string Email, string? TemporaryPassword, string? InvitationLink);
