using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

public abstract class RegistrationTests : IAsyncLifetime
{
    private const string Password = "New-Person-Pass-1";
    private TestLedger ledger = default!;
    private TestUser admin = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
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

    [DbFact]
    public async Task A_visitor_without_an_invitation_is_refused_while_registration_is_by_invitation()
    {
        var result = await RegisterAsync("walk-in@example.com");

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Contains("by invitation only", result.Message);
        Assert.Null(await FindAsync("walk-in@example.com"));
    }

    [DbFact]
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

    [DbFact]
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

    [DbFact]
    public async Task A_weak_password_is_refused_with_identitys_reason_and_no_user_is_left()
    {
        await ledger.Settings.SetRegistrationPolicyAsync(admin.Actor, RegistrationPolicy.Open);

        var result = await WithRegistration(r => r.RegisterAsync(new NewAccount("Pat", "pat@example.com", "short", null), returnUrl: null));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.True(result.Errors.ContainsKey("Password"));
        Assert.Null(await FindAsync("pat@example.com"));
    }
}

public sealed class RegistrationTestsOnSqlite : RegistrationTests;

public sealed class RegistrationTestsOnPostgres : RegistrationTests, IOnPostgres;
