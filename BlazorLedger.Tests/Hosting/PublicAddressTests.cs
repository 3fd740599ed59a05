using System.Net;
using System.Text.RegularExpressions;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Hosting;

/// <summary>Links, hosts, proxies and headers of the running app, seen from the outside.</summary>
public sealed partial class PublicAddressTests
{
    private const string PublicUrl = "https://ledger.example.org";

    [Fact]
    public async Task A_password_reset_asked_for_with_a_forged_host_links_to_the_public_address()
    {
        await using var app = AppHost.WithoutDemoData(settings: [("App:PublicUrl", PublicUrl), ("AllowedHosts", "*")]);
        await app.CreateUserAsync("fay@example.com", setUp: user => user.EmailConfirmed = true);
        using var browser = app.NewBrowser();
        browser.DefaultRequestHeaders.Host = "attacker.example";

        var asked = await AppHost.PostFormAsync(browser, "Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "fay@example.com" });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = WebUtility.HtmlDecode(Href().Match((await app.MailToAsync("fay@example.com")).HtmlBody).Groups[1].Value);
        Assert.StartsWith(PublicUrl + "/Account/ResetPassword?code=", link);
        Assert.DoesNotContain("attacker", (await app.MailToAsync("fay@example.com")).HtmlBody);
    }

    [Fact]
    public async Task Without_a_public_address_links_use_the_address_the_app_listens_on_not_the_host_header()
    {
        await using var app = AppHost.WithoutDemoData(settings: [("AllowedHosts", "*")]);
        await app.CreateUserAsync("gil@example.com", setUp: user => user.EmailConfirmed = true);
        using var browser = app.NewBrowser();
        browser.DefaultRequestHeaders.Host = "attacker.example";

        await AppHost.PostFormAsync(browser, "Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "gil@example.com" });

        var link = WebUtility.HtmlDecode(Href().Match((await app.MailToAsync("gil@example.com")).HtmlBody).Groups[1].Value);
        Assert.Equal(app.BaseAddress.Port, new Uri(link).Port);
        Assert.DoesNotContain("attacker", link);
    }

    [Fact]
    public async Task With_a_public_address_and_no_allowed_hosts_only_its_host_is_answered()
    {
        await using var app = AppHost.WithoutDemoData(settings: [("App:PublicUrl", PublicUrl)]);
        using var client = app.NewBrowser();

        var forged = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "Account/Login") { Headers = { Host = "attacker.example" } });
        var proper = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "Account/Login") { Headers = { Host = "ledger.example.org" } });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, proper.StatusCode);
    }

    [Fact]
    public async Task An_invalid_public_address_stops_the_app_at_start_up_with_a_message_naming_the_setting()
    {
        var failure = Assert.ThrowsAny<Exception>(() => AppHost.WithoutDemoData(settings: [("App:PublicUrl", "ledger.example.org/path?x=1")]));

        Assert.Contains("App:PublicUrl", failure.ToString());
    }

    [Fact]
    public async Task Every_page_and_api_response_carries_the_security_headers_and_one_policy()
    {
        await using var app = AppHost.WithoutDemoData();
        using var client = app.NewBrowser();

        foreach (var path in new[] { "Account/Login", "api/v1/books", "not-a-page", "favicon.png" })
        {
            var response = await client.GetAsync(path);
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("object-src 'none'", policy);
            Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task The_page_policy_carries_a_fresh_nonce_that_the_import_map_uses()
    {
        await using var app = AppHost.WithoutDemoData();
        using var client = app.NewBrowser();

        var first = await client.GetAsync("Account/Login");
        var second = await client.GetAsync("Account/Login");

        var nonce = Nonce().Match(first.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_https_is_recognised_with_hsts_and_secure_cookies()
    {
        await using var app = AppHost.WithoutDemoData("Production", ("App:PublicUrl", PublicUrl), ("App:TrustedProxies", "127.0.0.1, ::1"));

        var response = await GetThroughProxyAsync(app);

        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie));
    }

    [Fact]
    public async Task Forwarded_headers_from_a_client_that_is_not_a_configured_proxy_are_ignored()
    {
        await using var app = AppHost.WithoutDemoData("Production", ("App:PublicUrl", PublicUrl), ("App:TrustedProxies", "10.9.8.7"));

        var response = await GetThroughProxyAsync(app);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("secure", cookie));
    }

    private static async Task<HttpResponseMessage> GetThroughProxyAsync(AppHost app)
    {
        using var client = app.NewBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, "Account/Login") { Headers = { Host = "ledger.example.org" } };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
