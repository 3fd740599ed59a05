using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.App;

/// <summary>Two-factor sign-in with an authenticator app (TOTP) and with a recovery code, through the real pages.</summary>
public sealed class TwoFactorTests : AppHostTest
{
    private const string Email = "tess@example.com";
    private string key = "";
    private string[] recoveryCodes = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var created = await App.CreateUserAsync(Email);
        (key, recoveryCodes) = await App.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(created.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToArray();
            return ((await users.GetAuthenticatorKeyAsync(user))!, codes);
        });
    }

    [Fact]
    public async Task The_password_alone_is_not_enough_and_the_authenticator_code_completes_sign_in()
    {
        using var browser = App.NewBrowser();

        var first = await AppHost.SignInAsync(browser, Email, AppHost.UserPassword);
        Assert.Equal("/Account/LoginWith2fa", new Uri(App.BaseAddress, first.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        var wrong = await AppHost.PostFormAsync(browser, first.Headers.Location!.OriginalString, "login-with-2fa",
            new() { ["Input.TwoFactorCode"] = "000000" });
        Assert.Contains("Invalid authenticator code", await wrong.Content.ReadAsStringAsync());

        var right = await AppHost.PostFormAsync(browser, first.Headers.Location!.OriginalString, "login-with-2fa",
            new() { ["Input.TwoFactorCode"] = Totp(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Chart of accounts", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, Email, AppHost.UserPassword);

        var used = await AppHost.PostFormAsync(browser, "Account/LoginWithRecoveryCode", "login-with-recovery-code",
            new() { ["Input.RecoveryCode"] = recoveryCodes[0] });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Contains("Chart of accounts", await browser.GetStringAsync("/"));
        using var again = App.NewBrowser();
        await AppHost.SignInAsync(again, Email, AppHost.UserPassword);
        var reused = await AppHost.PostFormAsync(again, "Account/LoginWithRecoveryCode", "login-with-recovery-code",
            new() { ["Input.RecoveryCode"] = recoveryCodes[0] });
        Assert.Contains("Invalid recovery code", await reused.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 6238 code for a base32 key, as an authenticator app computes it.</summary>
    private static string Totp(string base32Key, DateTimeOffset now)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var keyBytes = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var step = BitConverter.GetBytes(now.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(step);
        }
        // RFC 6238 as authenticator apps (and Identity) compute it: HMAC-SHA1 is the algorithm, not a choice.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(keyBytes, step);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var code = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6", CultureInfo.InvariantCulture);
    }
}
