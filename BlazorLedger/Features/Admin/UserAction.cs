namespace BlazorLedger.Features.Admin;

/// <summary>What an admin can do to a user from the users list.</summary>
public enum UserAction
{
    Lock,
    Unlock,
    Disable,
    Enable,
    MakeAdmin,
    RevokeAdmin,
    SendPasswordReset,
    Delete,
}
