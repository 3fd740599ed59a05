namespace BlazorLedger.Features.Users;

/// <summary>How many form submissions the sign-in, recovery and registration pages take per window ("SignIn:Limits").</summary>
public sealed class SignInLimitOptions
{
    /// <summary>Per client address (IPv6 by /64, which one household or machine usually holds).</summary>
    public int PerAddress { get; set; } = 30;

    /// <summary>Per account, whichever address the attempts come from.</summary>
    public int PerAccount { get; set; } = 10;

    public int WindowMinutes { get; set; } = 15;
}
