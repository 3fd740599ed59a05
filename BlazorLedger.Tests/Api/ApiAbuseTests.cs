using System.Net;
using System.Net.Http.Headers;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

/// <summary>What one user, one address or one guesser can do to the API, on a real Kestrel port with small limits.</summary>
public sealed class ApiAbuseTests : IAsyncLifetime
{
    private AppHost app = default!;

    public Task InitializeAsync()
    {
        app = new AppHost(overrides: new Dictionary<string, string?>
        {
            ["Seed:DemoData"] = "false",
            ["Api:RequestsPerMinute"] = "100",
            ["Api:RequestsPerMinutePerUser"] = "4",
            ["Api:BadTokensPerMinute"] = "3",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<string> UserAsync(string email) => app.WithScopeAsync(async s =>
    {
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        Assert.True((await s.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, "Some-Pass-123")).Succeeded);
        return user.Id;
    });

    private Task<string> TokenAsync(string userId) => app.WithScopeAsync(async s =>
        (await s.GetRequiredService<ApiTokenService>().CreateAsync(new Actor(userId), "t", ApiScopes.Read, 30)).Value!.Secret);

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_users_tokens_share_one_budget()
    {
        var ann = await UserAsync("ann@example.com");
        using var first = Client(await TokenAsync(ann));
        using var second = Client(await TokenAsync(ann));
        using var someoneElse = Client(await TokenAsync(await UserAsync("bob@example.com")));

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
        var good = await TokenAsync(await UserAsync("ann@example.com"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var guesser = Client($"bl_guess{i}");
            statuses.Add((await guesser.GetAsync("api/v1/books")).StatusCode);
        }
        using var valid = Client(good);
        var meanwhile = await valid.GetAsync("api/v1/books");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, meanwhile.StatusCode);
        Assert.True(int.Parse(meanwhile.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Contains("unknown, expired or revoked tokens", await meanwhile.Content.ReadAsStringAsync());
    }
}
