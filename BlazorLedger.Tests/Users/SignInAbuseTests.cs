using System.Net;
using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>Guessing passwords against the real app: counted, locked, and telling nothing about which addresses exist.</summary>
public sealed partial class SignInAbuseTests : IAsyncLifetime
{
    private const string Password = "Member-Pass-1";
    private AppHost app = default!;

    public Task InitializeAsync()
    {
        app = new AppHost(overrides: new Dictionary<string, string?> { ["Seed:DemoData"] = "false" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<string> CreateUserAsync(string email, bool disabled = false) => app.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], DisabledAt = disabled ? DateTime.UtcNow : null };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        return user.Id;
    });

    private Task<T> WithDbAsync<T>(Func<LedgerDbContext, Task<T>> action) => app.WithScopeAsync(async s =>
    {
        await using var db = await s.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        return await action(db);
    });

    [Fact]
    public async Task Fifty_parallel_wrong_passwords_lock_the_account_and_every_one_is_counted()
    {
        var id = await CreateUserAsync("gus@example.com");

        // Each guess in its own scope, as each request would be, all at once against the app's database file.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() => app.WithScopeAsync(s =>
            s.GetRequiredService<SignInManager<ApplicationUser>>().PasswordSignInAsync("gus@example.com", $"wrong-{n}", false, lockoutOnFailure: true)))));

        Assert.All(results, r => Assert.False(r.Succeeded));
        var (user, audited) = await WithDbAsync(async db => (
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
        await CreateUserAsync("ava@example.com");
        await CreateUserAsync("dex@example.com", disabled: true);

        async Task<string> MessageAsync(string email, string password)
        {
            using var browser = app.NewBrowser();
            var response = await AppHost.SignInAsync(browser, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(Alert().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value).Trim();
        }

        var unknown = await MessageAsync("nobody@example.com", "wrong-password");
        var disabled = await MessageAsync("dex@example.com", "wrong-password");
        var active = await MessageAsync("ava@example.com", "wrong-password");
        var disabledRight = await MessageAsync("dex@example.com", Password);

        Assert.Equal("Error: Invalid login attempt.", unknown);
        Assert.Equal(unknown, disabled);
        Assert.Equal(unknown, active);
        Assert.Contains("This account is disabled", disabledRight);
    }

    [GeneratedRegex("<div class=\"alert alert-danger\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Alert();
}
