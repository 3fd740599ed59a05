using System.Net;
using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>Guessing passwords against the real app: counted, locked, and telling nothing about which addresses exist.</summary>
public sealed partial class SignInAbuseTests : AppHostTest
{
    [Fact]
    public async Task Fifty_parallel_wrong_passwords_lock_the_account_and_every_one_is_counted()
    {
        var id = (await App.CreateUserAsync("gus@example.com")).Id;

        // Each guess in its own scope, as each request would be, all at once against the app's database file.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() => App.WithScopeAsync(s =>
            s.GetRequiredService<SignInManager<ApplicationUser>>().PasswordSignInAsync("gus@example.com", $"wrong-{n}", false, lockoutOnFailure: true)))));

        Assert.All(results, r => Assert.False(r.Succeeded));
        var (user, audited) = await App.WithDbAsync(async db => (
            await db.Users.AsNoTracking().SingleAsync(u => u.Id == id),
            await db.AuditEvents.CountAsync(a => a.UserId == id && a.Action == "user.sign-in-failed")));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"not locked: {user.LockoutEnd}");
        Assert.Equal(50, user.FailedSignInCount);
        Assert.Equal(50, audited);
        Assert.Contains(results, r => r.IsLockedOut);
    }

    [Fact]
    public async Task Unknown_disabled_and_active_addresses_read_the_same_until_the_password_is_right()
    {
        await App.CreateUserAsync("ava@example.com");
        await App.CreateUserAsync("dex@example.com", setUp: user => user.DisabledAt = DateTime.UtcNow);

        async Task<string> MessageAsync(string email, string password)
        {
            using var browser = App.NewBrowser();
            var response = await AppHost.SignInAsync(browser, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(Alert().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value).Trim();
        }

        var unknown = await MessageAsync("nobody@example.com", "wrong-password");
        var disabled = await MessageAsync("dex@example.com", "wrong-password");
        var active = await MessageAsync("ava@example.com", "wrong-password");
        var disabledRight = await MessageAsync("dex@example.com", AppHost.UserPassword);

        Assert.Equal("Error: Invalid login attempt.", unknown);
        Assert.Equal(unknown, disabled);
        Assert.Equal(unknown, active);
        Assert.Contains("This account is disabled", disabledRight);
    }

    [GeneratedRegex("<div class=\"alert alert-danger\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Alert();
}
