using BlazorLedger.Common;
using BlazorLedger.Features.Users;

namespace BlazorLedger.Features.Admin;

/// <summary>
/// The users list's actions in words for people: which the menu offers for a user, which must be confirmed first and how,
/// and what the admin is told afterwards ("Maria is locked.").
/// </summary>
internal static class UserActions
{
    public static IReadOnlyList<UserAction> For(UserRow user) =>
    [
        user.Status == UserStatus.Locked ? UserAction.Unlock : UserAction.Lock,
        user.Status == UserStatus.Disabled ? UserAction.Enable : UserAction.Disable,
        user.IsAdmin ? UserAction.RevokeAdmin : UserAction.MakeAdmin,
        UserAction.SendPasswordReset,
        UserAction.Delete,
    ];

    public static string Label(UserAction action) => action switch
    {
        UserAction.Lock => "Lock",
        UserAction.Unlock => "Unlock",
        UserAction.Disable => "Disable",
        UserAction.Enable => "Enable",
        UserAction.MakeAdmin => "Make admin",
        UserAction.RevokeAdmin => "Revoke admin",
        UserAction.SendPasswordReset => "Send password reset",
        _ => "Delete…",
    };

    /// <summary>A stable handle for tests and scripts; an action and its opposite share one menu slot.</summary>
    public static string TestId(UserAction action) => action switch
    {
        UserAction.Lock or UserAction.Unlock => "action-lock",
        UserAction.Disable or UserAction.Enable => "action-disable",
        UserAction.MakeAdmin or UserAction.RevokeAdmin => "action-admin",
        UserAction.SendPasswordReset => "action-reset",
        _ => "action-delete",
    };

    /// <summary>The question to ask first, or null for an action that is easily undone.</summary>
    public static UserActionPrompt? PromptFor(UserRow user, UserAction action) => action switch
    {
        UserAction.Lock => new($"Lock {user.DisplayName}?", SignedOut, "Lock"),
        UserAction.Disable => new($"Disable {user.DisplayName}?", SignedOut, "Disable"),
        UserAction.RevokeAdmin => new($"Revoke admin for {user.DisplayName}?", "They will no longer manage users and settings.", "Revoke"),
        UserAction.Delete => new($"Delete {user.DisplayName}?",
            $"{user.Email} will be deleted. Books that only they own: delete them with everything in them, or take them over yourself?",
            "Delete their books too", "Give their books to me"),
        _ => null,
    };

    private const string SignedOut = "They will not be able to sign in, and open sessions end within a minute.";

    /// <summary>Runs an action the admin has confirmed with <paramref name="answer"/> (for a deletion, false hands their books to the admin).</summary>
    public static async Task<UserActionOutcome> RunAsync(UserCommands commands, Actor actor, UserRow user, UserAction action, bool answer = true,
        CancellationToken ct = default)
    {
        if (action == UserAction.Delete)
        {
            var deleted = await commands.DeleteAsync(actor, user.Id, answer ? SoleOwnedBooks.Delete : SoleOwnedBooks.TransferToMe, ct);
            return deleted.Succeeded ? new(true, Deleted(user, deleted.Value!)) : Failed(deleted);
        }
        var result = action switch
        {
            UserAction.Lock or UserAction.Unlock => await commands.SetLockedAsync(actor, user.Id, action == UserAction.Lock, ct),
            UserAction.Disable or UserAction.Enable => await commands.SetDisabledAsync(actor, user.Id, action == UserAction.Disable, ct),
            UserAction.MakeAdmin or UserAction.RevokeAdmin => await commands.SetAdminAsync(actor, user.Id, action == UserAction.MakeAdmin, ct),
            _ => await commands.SendPasswordResetAsync(actor, user.Id, ct),
        };
        return result.Succeeded ? new(true, Done(user, action)) : Failed(result);
    }

    public static string Done(UserRow user, UserAction action) => action switch
    {
        UserAction.Lock => $"{user.DisplayName} is locked.",
        UserAction.Unlock => $"{user.DisplayName} is unlocked.",
        UserAction.Disable => $"{user.DisplayName} is disabled.",
        UserAction.Enable => $"{user.DisplayName} is enabled again.",
        UserAction.MakeAdmin => $"{user.DisplayName} is now an administrator.",
        UserAction.RevokeAdmin => $"{user.DisplayName} is no longer an administrator.",
        UserAction.SendPasswordReset => $"A password reset link is on its way to {user.Email}.",
        _ => $"{user.DisplayName} was deleted.",
    };

    public static string Deleted(UserRow user, DeletedUser deleted) => (deleted.BooksDeleted, deleted.BooksHandedOver) switch
    {
        (> 0, _) => $"{user.DisplayName} was deleted, with {Books(deleted.BooksDeleted)} only they owned.",
        (_, > 0) => $"{user.DisplayName} was deleted; you now own {Books(deleted.BooksHandedOver)} that only they owned.",
        _ => Done(user, UserAction.Delete),
    };

    private static string Books(int count) => count == 1 ? "1 book" : $"{count} books";

    private static UserActionOutcome Failed<T>(Result<T> result) => new(false, result.Message ?? "That did not work; nothing was changed.");
}
