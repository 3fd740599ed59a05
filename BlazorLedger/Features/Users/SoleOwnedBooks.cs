namespace BlazorLedger.Features.Users;

/// <summary>What happens to the books a deleted user is the only owner of, when an admin deletes someone else.</summary>
public enum SoleOwnedBooks
{
    /// <summary>Books only this user owns are deleted with everything in them.</summary>
    Delete,
    /// <summary>The admin who deletes the user becomes owner of those books.</summary>
    TransferToMe,
}
