using System.Globalization;
using System.Net;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Users;

/// <summary>The sign-in, recovery and registration pages take only a few submissions per address and per account.</summary>
public sealed class SignInLimitTests
{
    private static AppHost App(int perAddress, int perAccount) => AppHost.WithoutDemoData(settings:
        [("SignIn:Limits:PerAddress", perAddress.ToString(CultureInfo.InvariantCulture)), ("SignIn:Limits:PerAccount", perAccount.ToString(CultureInfo.InvariantCulture)), ("SignIn:Limits:WindowMinutes", "10")]);

    [Fact]
    public async Task Attempts_for_one_account_beyond_its_limit_get_a_page_saying_when_to_try_again()
    {
        await using var app = App(perAddress: 100, perAccount: 3);
        await app.CreateUserAsync("ann@example.com");
        using var browser = app.NewBrowser();

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await AppHost.SignInAsync(browser, "ann@example.com", "wrong-password")).StatusCode);
        }
        // Even the right password waits: the limit is on attempts, not on failures.
        var refused = await AppHost.SignInAsync(browser, "ANN@example.com ", AppHost.UserPassword);
        var otherAccount = await AppHost.SignInAsync(browser, "bob@example.com", "wrong-password");

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts, try again in 10 minutes.", await refused.Content.ReadAsStringAsync());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 600);
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        Assert.Contains("Invalid login attempt", await otherAccount.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_address_shares_its_limit_across_every_guessable_page_but_may_still_load_them()
    {
        await using var app = App(perAddress: 4, perAccount: 100);
        using var browser = app.NewBrowser();

        var allowed = new[]
        {
            await AppHost.SignInAsync(browser, "a@example.com", "wrong-password"),
            await AppHost.PostFormAsync(browser, "Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "b@example.com" }),
            await AppHost.PostFormAsync(browser, "Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = "c@example.com" }),
            await AppHost.SignInAsync(browser, "d@example.com", "wrong-password"),
        };
        var refused = new[]
        {
            await AppHost.SignInAsync(browser, "e@example.com", "wrong-password"),
            await AppHost.PostFormAsync(browser, "Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "f@example.com" }),
            await AppHost.PostFormAsync(browser, "Account/Register", "register", new() { ["Input.Email"] = "g@example.com" }, tokenFrom: "Account/Login"),
            // Crafted posts too: the limit comes before the page looks at the form.
            await browser.PostAsync("Account/LoginWith2fa", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.TwoFactorCode"] = "123456" })),
            await browser.PostAsync("Account/LoginWithRecoveryCode", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.RecoveryCode"] = "x" })),
        };

        Assert.All(allowed, r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("Account/Login")).StatusCode);
    }
}
