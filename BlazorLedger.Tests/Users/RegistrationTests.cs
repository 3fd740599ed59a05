using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

public sealed class RegistrationTests : IAsyncLifetime
{
    private const string Password = "New-Person-Pass-1";
    private readonly TestLedger ledger = TestLedger.InMemory();
    private TestUser admin = default!;

    public async Task InitializeAsync()
    {
        admin = await ledger.CreateUserAsync("admin");
        await ledger.MakeAdminAsync(admin);
        await using var db = await ledger.DbAsync();
        // The app seeds its roles at start; every new user becomes a member.
        db.Roles.Add(new IdentityRole(Roles.Member) { NormalizedName = Roles.Member.ToUpperInvariant() });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<T> WithRegistration<T>(Func<RegistrationService, Task<T>> action)
    {
        // One scope per request, as the static-rendered register page has.
        await using var scope = ledger.Services.CreateAsyncScope();
        return await action(ActivatorUtilities.CreateInstance<RegistrationService>(scope.ServiceProvider));
    }

    private Task<Result<ApplicationUser>> RegisterAsync(string email, string? invitation = null) =>
        WithRegistration(r => r.RegisterAsync(new NewAccount("New Person", email, Password, invitation), returnUrl: null));

    private async Task<ApplicationUser?> FindAsync(string email)
    {
        await using var db = await ledger.DbAsync();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
    }

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

    [Fact]
    public async Task A_visitor_without_an_invitation_is_refused_while_registration_is_by_invitation()
    {
        var result = await RegisterAsync("walk-in@example.com");

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Contains("by invitation only", result.Message);
        Assert.Null(await FindAsync("walk-in@example.com"));
    }

    [Fact]
    public async Task A_sign_up_invitation_lets_in_its_addressee_once_with_the_address_proven()
    {
        var invitation = await ledger.Invitations.InviteToSignUpAsync(admin.Actor, "nina@example.com");
        var token = invitation.Value!.Link![(invitation.Value.Link!.IndexOf("invitation=", StringComparison.Ordinal) + 11)..];

        var stranger = await RegisterAsync("stranger@example.com", token);
        var nina = await RegisterAsync("nina@example.com", token);
        var again = await RegisterAsync("nina2@example.com", token);

        Assert.Equal(ResultStatus.Invalid, stranger.Status);
        Assert.Equal("This invitation is for nina@example.com.", stranger.Errors["Email"].Single());
        Assert.Null(await FindAsync("stranger@example.com"));
        Assert.Equal(ResultStatus.Created, nina.Status);
        Assert.True((await FindAsync("nina@example.com"))!.EmailConfirmed);
        Assert.Contains("already been used", again.Message);
        Assert.Null(await FindAsync("nina2@example.com"));
        await using var db = await ledger.DbAsync();
        Assert.True(await db.Outbox.AnyAsync(m => m.To == "nina@example.com" && m.HtmlBody.Contains("Account/ConfirmEmail")));
    }

    [Fact]
    public async Task Open_registration_takes_anyone_unconfirmed_and_closed_registration_takes_book_invitees_nobody()
    {
        await ledger.Settings.SetRegistrationPolicyAsync(admin.Actor, RegistrationPolicy.Open);
        var open = await RegisterAsync("olga@example.com");
        await ledger.Settings.SetRegistrationPolicyAsync(admin.Actor, RegistrationPolicy.Closed);
        var invitation = await ledger.Invitations.InviteToBookAsync(admin.Actor, admin.BookId, "carl@example.com", BookRole.Viewer);
        var token = invitation.Value!.Link![(invitation.Value.Link!.LastIndexOf('/') + 1)..];
        var closed = await RegisterAsync("carl@example.com", token);

        Assert.Equal(ResultStatus.Created, open.Status);
        Assert.False((await FindAsync("olga@example.com"))!.EmailConfirmed);
        Assert.Equal(ResultStatus.Forbidden, closed.Status);
        Assert.Contains("Registration is closed", closed.Message);
        Assert.Null(await FindAsync("carl@example.com"));
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_identitys_reason_and_no_user_is_left()
    {
        await ledger.Settings.SetRegistrationPolicyAsync(admin.Actor, RegistrationPolicy.Open);

        var result = await WithRegistration(r => r.RegisterAsync(new NewAccount("Pat", "pat@example.com", "short", null), returnUrl: null));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.True(result.Errors.ContainsKey("Password"));
        Assert.Null(await FindAsync("pat@example.com"));
    }
}
