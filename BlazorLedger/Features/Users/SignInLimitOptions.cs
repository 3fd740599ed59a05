using System.ComponentModel.DataAnnotations;

namespace BlazorLedger.Features.Users;

/// <summary>How many form submissions the sign-in, recovery and registration pages take per window ("SignIn:Limits").</summary>
public sealed class SignInLimitOptions
{
    /// <summary>Per client address (IPv6 by /64, which one household or machine usually holds).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "SignIn:Limits:PerAddress must be at least 1.")]
    public int PerAddress { get; set; } = 30;

    /// <summary>Per account, whichever address the attempts come from.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "SignIn:Limits:PerAccount must be at least 1.")]
    public int PerAccount { get; set; } = 10;

    [Range(1, 24 * 60, ErrorMessage = "SignIn:Limits:WindowMinutes must be between 1 and 1440 (a day).")]
    public int WindowMinutes { get; set; } = 15;
}
