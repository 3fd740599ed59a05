namespace BlazorLedger.Features.Users;

/// <summary>
/// An admin's lock is stored as a lockout that never ends; the automatic lockout after failed sign-ins always ends after
/// minutes. The difference matters: only an admin's lock stops the user's API tokens, so that anyone typing wrong
/// passwords cannot switch off someone's integrations.
/// </summary>
public static class AdminLock
{
    public static readonly DateTimeOffset Until = DateTimeOffset.MaxValue;

    public static bool Applies(DateTimeOffset? lockoutEnd) => lockoutEnd == Until;
}
