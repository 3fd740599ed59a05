using System.Globalization;
using System.Net;
using BlazorLedger.Common;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;

namespace BlazorLedger.Tests.Instances;

/// <summary>
/// The API's limits hold for a token, a user and a guessing address wherever their requests land: two instances count in
/// the same windows (in the database), not each its own.
/// </summary>
public sealed class RateLimitsAcrossInstancesTests : TwoInstancesTest
{
    private const int PerToken = 40;
    private const int PerUser = 60;
    private const int BadTokens = 10;

    protected override (string Key, string? Value)[] Settings =>
    [
        ("Api:RequestsPerMinute", $"{PerToken}"), ("Api:RequestsPerMinutePerUser", $"{PerUser}"), ("Api:BadTokensPerMinute", $"{BadTokens}"),
    ];

    /// <summary>
    /// Sends <paramref name="count"/> requests, alternating between the instances, eight at a time, each with the client
    /// <paramref name="client"/> makes for its number and instance; returns the responses.
    /// </summary>
    private async Task<HttpResponseMessage[]> AlternatingAsync(int count, Func<int, AppHost, HttpClient> client)
    {
        using var gate = new SemaphoreSlim(8);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var caller = client(i, i % 2 == 0 ? A : B);
                return await caller.GetAsync("api/v1/books");
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    [DbFact]
    public async Task A_token_gets_its_limit_once_over_both_instances_and_then_429_with_retry_after()
    {
        var token = await A.CreateTokenAsync(await A.AdminAsync());

        var responses = await AlternatingAsync(2 * PerToken, (_, instance) => instance.NewApiClient(token));

        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(accepted, PerToken * 0.9, PerToken * 1.1);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => r.RequestMessage!.RequestUri!.Port == B.BaseAddress.Port);
    }

    [DbFact]
    public async Task A_users_tokens_share_one_budget_over_both_instances()
    {
        var ann = new Actor((await A.CreateUserAsync("ann@example.com")).Id);
        var tokens = new[] { await A.CreateTokenAsync(ann), await A.CreateTokenAsync(ann), await A.CreateTokenAsync(ann) };

        // Three tokens, each under its own limit, together over the user's.
        var responses = await AlternatingAsync(2 * PerUser, (i, instance) => instance.NewApiClient(tokens[i % tokens.Length]));
        using var someoneElse = B.NewApiClient(await A.CreateTokenAsync(await A.AdminAsync()));
        var others = await someoneElse.GetAsync("api/v1/books");

        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), PerUser * 0.9, PerUser * 1.1);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }

    [DbFact]
    public async Task An_address_guessing_tokens_on_both_instances_is_stopped_near_the_limit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3 * BadTokens; i++)
        {
            using var guesser = (i % 2 == 0 ? A : B).NewApiClient($"bl_guess{i}");
            statuses.Add((await guesser.GetAsync("api/v1/books")).StatusCode);
        }

        // Each instance stops the address once it sees the shared count at the limit: at most one more try per other instance.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), BadTokens, BadTokens + 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^2]);
    }
}
