using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Users;

/// <summary>Whether a visitor may create an account; if an invitation lets them, which one.</summary>
public sealed record RegistrationDoor(string? Refusal, InvitationDto? Invitation)
{
    public bool Open => Refusal is null;
}
