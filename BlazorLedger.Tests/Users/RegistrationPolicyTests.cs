using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;

namespace BlazorLedger.Tests.Users;

/// <summary>Who may register, decided from the policy and the invitation alone (no database).</summary>
public sealed class RegistrationPolicyTests
{
    private static InvitationDto Invitation(InvitationKind kind, bool expired = false, bool accepted = false, bool revoked = false) =>
        new(Guid.NewGuid(), kind, "new@example.com", null, null, null, DateTime.UtcNow, expired, accepted, revoked);

    [Fact]
    public void The_policy_and_the_invitation_decide_who_may_register()
    {
        var cases = new (RegistrationPolicy Policy, string? Token, InvitationDto? Found, string? Refusal)[]
        {
            (RegistrationPolicy.Open, null, null, null),
            (RegistrationPolicy.Open, "t", Invitation(InvitationKind.Book, expired: true), null),
            (RegistrationPolicy.InviteOnly, null, null, "by invitation only"),
            (RegistrationPolicy.InviteOnly, "t", null, "not valid"),
            (RegistrationPolicy.InviteOnly, "t", Invitation(InvitationKind.SignUp, revoked: true), "withdrawn"),
            (RegistrationPolicy.InviteOnly, "t", Invitation(InvitationKind.SignUp, accepted: true), "already been used"),
            (RegistrationPolicy.InviteOnly, "t", Invitation(InvitationKind.SignUp, expired: true), "expired"),
            (RegistrationPolicy.InviteOnly, "t", Invitation(InvitationKind.Book), null),
            (RegistrationPolicy.InviteOnly, "t", Invitation(InvitationKind.SignUp), null),
            (RegistrationPolicy.Closed, null, null, "closed"),
            (RegistrationPolicy.Closed, "t", Invitation(InvitationKind.Book), "closed"),
            (RegistrationPolicy.Closed, "t", Invitation(InvitationKind.SignUp, expired: true), "closed"),
            (RegistrationPolicy.Closed, "t", Invitation(InvitationKind.SignUp), null),
        };

        foreach (var (policy, token, found, refusal) in cases)
        {
            var door = RegistrationService.Decide(policy, token, found);

            var because = $"{policy} with {found?.Kind.ToString() ?? token ?? "no invitation"}";
            if (refusal is null)
            {
                Assert.True(door.Open, because);
                Assert.Equal(found is { Usable: true } ? found : null, door.Invitation);
            }
            else
            {
                Assert.False(door.Open, because);
                Assert.Contains(refusal, door.Refusal);
                Assert.Null(door.Invitation);
            }
        }
    }
}
