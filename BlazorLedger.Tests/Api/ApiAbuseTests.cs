using System.Globalization;
using System.Net;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

/// <summary>What one user, one address or one guesser can do to the API, on a real Kestrel port with small limits.</summary>
public sealed class ApiAbuseTests : AppHostTest
{
    protected override AppHost Start() => AppHost.WithoutDemoData(settings:
        [("Api:RequestsPerMinute", "100"), ("Api:RequestsPerMinutePerUser", "4"), ("Api:BadTokensPerMinute", "3")]);

    private async Task<Actor> UserAsync(string email) => new((await App.CreateUserAsync(email)).Id);

    private async Task<HttpClient> ClientAsync(Actor user) => App.NewApiClient(await App.CreateTokenAsync(user));

    [Fact]
    public async Task A_users_tokens_share_one_budget()
    {
        var ann = await UserAsync("ann@example.com");
        using var first = await ClientAsync(ann);
        using var second = await ClientAsync(ann);
        using var someoneElse = await ClientAsync(await UserAsync("bob@example.com"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await (i % 2 == 0 ? first : second).GetAsync("api/v1/books")).StatusCode);
        }
        var other = await someoneElse.GetAsync("api/v1/books");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_address_sending_bad_tokens_is_stopped_before_its_tokens_are_checked()
    {
        var good = await App.CreateTokenAsync(await UserAsync("ann@example.com"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var guesser = App.NewApiClient($"bl_guess{i}");
            statuses.Add((await guesser.GetAsync("api/v1/books")).StatusCode);
        }
        using var valid = App.NewApiClient(good);
        var meanwhile = await valid.GetAsync("api/v1/books");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, meanwhile.StatusCode);
        Assert.True(int.Parse(meanwhile.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
        Assert.Contains("unknown, expired or revoked tokens", await meanwhile.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_passwords_do_not_stop_a_users_tokens_but_an_admin_lock_does()
    {
        var ann = await UserAsync("ann@example.com");
        using var client = await ClientAsync(ann);
        for (var i = 0; i < 5; i++)
        {
            await App.WithScopeAsync(s => s.GetRequiredService<SignInManager<ApplicationUser>>()
                .PasswordSignInAsync("ann@example.com", "wrong-password", false, lockoutOnFailure: true));
        }
        var lockedOut = await App.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<ApplicationUser>>();
            return await users.IsLockedOutAsync((await users.FindByIdAsync(ann.UserId))!);
        });

        var afterGuesses = await client.GetAsync("api/v1/books");
        var admin = await App.AdminAsync();
        Assert.True((await App.WithScopeAsync(s => s.GetRequiredService<UserCommands>().SetLockedAsync(admin, ann.UserId, true))).Succeeded);
        var afterAdminLock = await client.GetAsync("api/v1/books");

        Assert.True(lockedOut);
        Assert.Equal(HttpStatusCode.OK, afterGuesses.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterAdminLock.StatusCode);
    }
}
