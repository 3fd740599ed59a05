using System.Net;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Tests.App;

/// <summary>Sign-in and registration through the real pages of the running app.</summary>
public sealed class SignInTests : AppHostTest
{
    private static Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string email, string? invitation = null) =>
        AppHost.PostFormAsync(browser, invitation is null ? "Account/Register" : $"Account/Register?invitation={invitation}", "register", new()
        {
            ["Input.DisplayName"] = "New Person",
            ["Input.Email"] = email,
            ["Input.Password"] = AppHost.UserPassword,
            ["Input.ConfirmPassword"] = AppHost.UserPassword,
            ["Input.Invitation"] = invitation ?? "",
        }, tokenFrom: "Account/Login");

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await App.CreateUserAsync("dora@example.com");
        using var browser = App.NewBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await AppHost.SignInAsync(browser, "dora@example.com", "wrong-password");
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await AppHost.SignInAsync(browser, "dora@example.com", "wrong-password");
        var right = await AppHost.SignInAsync(browser, "dora@example.com", AppHost.UserPassword);

        Assert.Equal("/Account/Lockout", new Uri(App.BaseAddress, fifth.Headers.Location!).AbsolutePath);
        Assert.Equal("/Account/Lockout", new Uri(App.BaseAddress, right.Headers.Location!).AbsolutePath);
        var user = (await App.FindUserAsync("dora@example.com"))!;
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.Equal(6, user.FailedSignInCount); // attempts refused by the lockout count too: admins see the hammering
        Assert.Null(user.LastSignInAt);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_session_stops_validating()
    {
        var user = await App.CreateUserAsync("dan@example.com");
        var principal = await App.WithScopeAsync(async services =>
            await services.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user));
        await App.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var fresh = (await users.FindByIdAsync(user.Id))!;
            fresh.DisabledAt = DateTime.UtcNow;
            return await users.UpdateAsync(fresh);
        });
        using var browser = App.NewBrowser();

        var attempt = await AppHost.SignInAsync(browser, "dan@example.com", AppHost.UserPassword);

        Assert.Contains("This account is disabled", await attempt.Content.ReadAsStringAsync());
        Assert.False(await App.WithScopeAsync(services => SessionValidation.IsValidAsync(
            services.GetRequiredService<UserManager<ApplicationUser>>(), principal, services.GetRequiredService<IOptions<IdentityOptions>>().Value)));
        Assert.Null(await App.WithScopeAsync(services =>
            services.GetRequiredService<SignInManager<ApplicationUser>>().ValidateSecurityStampAsync(principal)));
    }

    [Fact]
    public async Task An_active_session_keeps_validating()
    {
        var user = await App.CreateUserAsync("ada@example.com");

        var valid = await App.WithScopeAsync(async services =>
        {
            var principal = await services.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user);
            return await SessionValidation.IsValidAsync(services.GetRequiredService<UserManager<ApplicationUser>>(), principal,
                services.GetRequiredService<IOptions<IdentityOptions>>().Value);
        });

        Assert.True(valid);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_link_in_the_outbox()
    {
        var user = await App.CreateUserAsync("fay@example.com");
        await App.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var fresh = (await users.FindByIdAsync(user.Id))!;
            return await users.ConfirmEmailAsync(fresh, await users.GenerateEmailConfirmationTokenAsync(fresh));
        });
        using var browser = App.NewBrowser();

        await AppHost.PostFormAsync(browser, "Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "fay@example.com" });
        var mail = await App.MailToAsync("fay@example.com");
        var link = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(mail.HtmlBody, "href=\"([^\"]+)\"").Groups[1].Value);
        var reset = await AppHost.PostFormAsync(browser, new Uri(link).PathAndQuery.TrimStart('/'), "reset-password", new()
        {
            ["Input.Email"] = "fay@example.com",
            ["Input.Password"] = "Brand-New-Pass-2",
            ["Input.ConfirmPassword"] = "Brand-New-Pass-2",
            ["Input.Code"] = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(
                System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["code"]!)),
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        using var later = App.NewBrowser();
        Assert.Contains("Invalid login attempt", await (await AppHost.SignInAsync(later, "fay@example.com", AppHost.UserPassword)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await AppHost.SignInAsync(later, "fay@example.com", "Brand-New-Pass-2")).StatusCode);
    }

    [Fact]
    public async Task Invite_only_registration_refuses_a_visitor_without_an_invitation()
    {
        using var browser = App.NewBrowser();

        var page = await browser.GetStringAsync("Account/Register");
        var post = await RegisterAsync(browser, "walk-in@example.com");

        Assert.Contains("by invitation only", page);
        Assert.DoesNotContain("data-testid=\"register\"", page);
        Assert.DoesNotContain("data-testid=\"register-link\"", await browser.GetStringAsync("Account/Login")); // no dead end offered
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode); // no form to submit: a crafted post is refused
        Assert.Null(await App.FindUserAsync("walk-in@example.com"));
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        var invitation = await App.WithScopeAsync(async services =>
            (await services.GetRequiredService<InvitationService>().InviteToSignUpAsync(await App.AdminAsync(), "late@example.com")).Value!);
        await App.WithDbAsync(db => db.Invitations.ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var token = invitation.Link![(invitation.Link!.IndexOf("invitation=", StringComparison.Ordinal) + 11)..];
        using var browser = App.NewBrowser();

        var page = await browser.GetStringAsync($"Account/Register?invitation={token}");
        var post = await RegisterAsync(browser, "late@example.com", token);

        Assert.Contains("has expired", page);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Null(await App.FindUserAsync("late@example.com"));
    }

    [Fact]
    public async Task A_book_invitation_lets_a_newcomer_register_and_join_the_book()
    {
        var admin = await App.AdminAsync();
        var (bookId, invitation) = await App.WithScopeAsync(async services =>
        {
            var book = (await services.GetRequiredService<BookService>().ListAsync(admin))[0];
            var sent = await services.GetRequiredService<InvitationService>().InviteToBookAsync(admin, book.Id, "nora@example.com", BookRole.Editor);
            return (book.Id, sent.Value!);
        });
        var token = invitation.Link![(invitation.Link!.LastIndexOf('/') + 1)..];
        using var browser = App.NewBrowser();

        var post = await RegisterAsync(browser, "nora@example.com", token);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var nora = (await App.FindUserAsync("nora@example.com"))!;
        Assert.Equal("New Person", nora.DisplayName);
        var books = await App.WithScopeAsync(services => services.GetRequiredService<BookService>().ListAsync(new Actor(nora.Id)));
        Assert.Equal(BookRole.Editor, books.Single(b => b.Id == bookId).Role);
        Assert.Equal(2, books.Count); // and her own personal book
        Assert.True(await App.WithScopeAsync(services => services.GetRequiredService<UserManager<ApplicationUser>>().IsInRoleAsync(nora, Roles.Member)));
    }

    [Fact]
    public async Task Open_registration_needs_no_invitation_and_closed_registration_takes_nobody()
    {
        var admin = await App.AdminAsync();
        await App.WithScopeAsync(services => services.GetRequiredService<SettingsService>().SetRegistrationPolicyAsync(admin, RegistrationPolicy.Open));
        using var browser = App.NewBrowser();

        Assert.Contains("data-testid=\"register-link\"", await browser.GetStringAsync("Account/Login"));
        var open = await RegisterAsync(browser, "olga@example.com");
        await App.WithScopeAsync(services => services.GetRequiredService<SettingsService>().SetRegistrationPolicyAsync(admin, RegistrationPolicy.Closed));
        using var other = App.NewBrowser();
        var closed = await RegisterAsync(other, "carl@example.com");

        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.NotNull(await App.FindUserAsync("olga@example.com"));
        Assert.Contains("Registration is closed", await other.GetStringAsync("Account/Register"));
        Assert.DoesNotContain("data-testid=\"register-link\"", await other.GetStringAsync("Account/Login"));
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Null(await App.FindUserAsync("carl@example.com"));
    }
}
