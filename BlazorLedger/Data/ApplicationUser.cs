using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Data;

public class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>How numbers and dates are written for this user ("de-DE"); null follows the browser's language.</summary>
    [PersonalData]
    public string? Culture { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? LastSignInAt { get; set; }

    /// <summary>Failed sign-in attempts over the account's life (Identity's own counter resets at each lockout).</summary>
    public int FailedSignInCount { get; set; }

    public DateTime? LastFailedSignInAt { get; set; }

    /// <summary>Set by an admin: the user cannot sign in, and open sessions lose access at their next check.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>Set when an admin gave the user a temporary password: they must choose their own before going on.</summary>
    public bool MustChangePassword { get; set; }
}
