using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorLedger.Tests.Books;

public abstract class InvitationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private TestLedger ledger = default!;
    private TestUser owner = default!, bob = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, configure: s => s.AddSingleton<TimeProvider>(clock));
        owner = await ledger.CreateUserAsync("olivia");
        bob = await ledger.CreateUserAsync("bob");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private static string TokenOf(string link) => link[(link.LastIndexOf('/') + 1)..];

    private async Task<BookRole?> BobsRoleAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.BookMembers.Where(m => m.BookId == owner.BookId && m.UserId == bob.UserId).Select(m => (BookRole?)m.Role).FirstOrDefaultAsync();
    }

    [DbFact]
    public async Task An_owner_invites_by_email_the_link_lands_in_the_outbox_and_the_invitee_joins_with_the_role()
    {
        var invitation = await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "BOB@example.com", BookRole.Editor);

        Assert.Equal(ResultStatus.Created, invitation.Status);
        var mail = Assert.Single((await ledger.Outbox.ListAsync(await AdminAsync())).Value!);
        Assert.Equal("BOB@example.com", mail.To);
        Assert.Contains(invitation.Value!.Link!, mail.HtmlBody);
        Assert.StartsWith(TestLedger.PublicUrl + "invitations/", invitation.Value.Link);

        var accepted = await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(invitation.Value.Link!));

        Assert.Equal(ResultStatus.Ok, accepted.Status);
        Assert.Equal(BookRole.Editor, await BobsRoleAsync());
        Assert.Equal(ResultStatus.Conflict, (await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(invitation.Value.Link!))).Status);
    }

    [DbFact]
    public async Task Inviting_the_same_address_again_replaces_the_pending_invitation_and_its_old_link()
    {
        var first = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "bob@example.com", BookRole.Viewer)).Value!;
        var again = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, " BOB@example.com ", BookRole.Editor)).Value!;

        var pending = (await ledger.Invitations.ListPendingAsync(owner.Actor, owner.BookId)).Value!;
        Assert.Equal([again.Id], pending.Select(i => i.Id));
        Assert.Equal(ResultStatus.Invalid, (await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(first.Link!))).Status);
        Assert.Equal(ResultStatus.Ok, (await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(again.Link!))).Status);
        Assert.Equal(BookRole.Editor, await BobsRoleAsync());
    }

    private async Task<Actor> AdminAsync()
    {
        var admin = await ledger.CreateUserAsync("admin");
        await ledger.MakeAdminAsync(admin);
        return admin.Actor;
    }

    [DbFact]
    public async Task Only_owners_invite_outsiders_get_not_found_and_bad_addresses_are_refused()
    {
        var editor = await ledger.CreateUserAsync("eddie");
        await ledger.AddMemberAsync(owner.BookId, editor, BookRole.Editor);

        Assert.Equal(ResultStatus.Forbidden, (await ledger.Invitations.InviteToBookAsync(editor.Actor, owner.BookId, "x@example.com", BookRole.Owner)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Invitations.InviteToBookAsync(bob.Actor, owner.BookId, "x@example.com", BookRole.Owner)).Status);
        Assert.Equal(ResultStatus.Invalid, (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "not an address", BookRole.Viewer)).Status);
        Assert.Equal(ResultStatus.Invalid, (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "eddie@example.com", BookRole.Viewer)).Status);
        await using var db = await ledger.DbAsync();
        Assert.Equal(0, await db.Invitations.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [DbFact]
    public async Task An_invitation_for_another_address_cannot_be_accepted()
    {
        var invitation = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "carol@example.com", BookRole.Viewer)).Value!;

        var result = await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(invitation.Link!));

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Contains("carol@example.com", result.Message);
        Assert.Null(await BobsRoleAsync());
    }

    [DbFact]
    public async Task An_expired_or_withdrawn_invitation_is_refused()
    {
        var withdrawn = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "bob@example.com", BookRole.Owner)).Value!;
        await ledger.Invitations.RevokeAsync(owner.Actor, owner.BookId, withdrawn.Id);
        var expiring = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "bob@example.com", BookRole.Viewer)).Value!;
        clock.Advance(TimeSpan.FromDays(8));

        var late = await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(expiring.Link!));
        var revoked = await ledger.Invitations.AcceptAsync(bob.Actor, TokenOf(withdrawn.Link!));

        Assert.Contains("expired", late.Message);
        Assert.Contains("withdrawn", revoked.Message);
        Assert.Null(await BobsRoleAsync());
        Assert.Equal("This invitation has expired; ask for a new one.",
            await ledger.Invitations.CheckSignUpAsync(TokenOf(expiring.Link!), "bob@example.com"));
    }

    [DbFact]
    public async Task A_made_up_token_is_not_found()
    {
        Assert.Equal(ResultStatus.NotFound, (await ledger.Invitations.AcceptAsync(bob.Actor, "made-up")).Status);
        Assert.Null(await ledger.Invitations.FindAsync("made-up"));
    }

    [DbFact]
    public async Task Sign_up_invitations_are_for_admins_and_checked_against_the_address()
    {
        var admin = await AdminAsync();

        Assert.Equal(ResultStatus.Forbidden, (await ledger.Invitations.InviteToSignUpAsync(owner.Actor, "new@example.com")).Status);
        var invitation = (await ledger.Invitations.InviteToSignUpAsync(admin, "new@example.com")).Value!;
        var token = invitation.Link![(invitation.Link!.IndexOf("invitation=", StringComparison.Ordinal) + 11)..];

        Assert.Null(await ledger.Invitations.CheckSignUpAsync(token, "NEW@example.com"));
        Assert.Contains("new@example.com", await ledger.Invitations.CheckSignUpAsync(token, "other@example.com"));
        Assert.Contains("invitation only", await ledger.Invitations.CheckSignUpAsync(null, "new@example.com"));
        Assert.Equal(ResultStatus.Invalid, (await ledger.Invitations.InviteToSignUpAsync(admin, "bob@example.com")).Status);
    }

    [DbFact]
    public async Task The_registration_policy_is_invite_only_until_an_admin_changes_it()
    {
        var admin = await AdminAsync();

        Assert.Equal(BlazorLedger.Features.Admin.RegistrationPolicy.InviteOnly, await ledger.Settings.GetRegistrationPolicyAsync());
        Assert.Equal(ResultStatus.Forbidden,
            (await ledger.Settings.SetRegistrationPolicyAsync(owner.Actor, BlazorLedger.Features.Admin.RegistrationPolicy.Open)).Status);
        Assert.Equal(ResultStatus.Ok,
            (await ledger.Settings.SetRegistrationPolicyAsync(admin, BlazorLedger.Features.Admin.RegistrationPolicy.Closed)).Status);
        Assert.Equal(BlazorLedger.Features.Admin.RegistrationPolicy.Closed, await ledger.Settings.GetRegistrationPolicyAsync());
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Outbox.ListAsync(owner.Actor)).Status);
    }
}

public sealed class InvitationTestsOnSqlite : InvitationTests;

public sealed class InvitationTestsOnPostgres : InvitationTests, IOnPostgres;
