namespace BlazorLedger.Features.Admin;

/// <summary>What creating a user gives the admin to pass on: a temporary password or an invitation link (shown once).</summary>
public sealed record CreatedUser(string Email, string? TemporaryPassword, string? InvitationLink);
