using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

public abstract class ApiTokenLimitTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this, concurrent: true);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task A_user_may_hold_at_most_fifty_active_tokens()
    {
        var ann = await ledger.CreateUserAsync("ann");
        var bob = await ledger.CreateUserAsync("bob");
        var tokens = ledger.Services.GetRequiredService<ApiTokenService>();
        var created = new List<CreatedApiToken>();
        for (var i = 0; i < ApiTokenService.MaxActiveTokensPerUser; i++)
        {
            var result = await tokens.CreateAsync(ann.Actor, $"t{i}", ApiScopes.Read, 30);
            Assert.True(result.Succeeded, result.Message);
            created.Add(result.Value!);
        }

        var fiftyFirst = await tokens.CreateAsync(ann.Actor, "one more", ApiScopes.Read, 30);
        var bobsFirst = await tokens.CreateAsync(bob.Actor, "bob's", ApiScopes.Read, 30);
        await tokens.RevokeAsync(ann.Actor, created[0].Token.Id);
        var afterRevoking = await tokens.CreateAsync(ann.Actor, "replacement", ApiScopes.Read, 30);

        Assert.Equal(ResultStatus.Conflict, fiftyFirst.Status);
        Assert.Contains("50 active tokens, the most allowed", fiftyFirst.Message);
        Assert.True(bobsFirst.Succeeded);
        Assert.True(afterRevoking.Succeeded);
        Assert.Equal(51, (await tokens.ListAsync(ann.Actor)).Count);
    }

    [DbFact]
    public async Task Tokens_created_at_once_for_the_last_place_make_exactly_one()
    {
        var ann = await ledger.CreateUserAsync("ann");
        var tokens = ledger.Services.GetRequiredService<ApiTokenService>();
        for (var i = 0; i < ApiTokenService.MaxActiveTokensPerUser - 1; i++)
        {
            Assert.True((await tokens.CreateAsync(ann.Actor, $"t{i}", ApiScopes.Read, 30)).Succeeded);
        }

        var results = await AllAtOnce.RunAsync(16, i => tokens.CreateAsync(ann.Actor, $"last {i}", ApiScopes.Read, 30));

        Assert.Single(results, r => r.Status == ResultStatus.Created);
        Assert.All(results.Where(r => r.Status != ResultStatus.Created), r => Assert.Equal(ResultStatus.Conflict, r.Status));
        Assert.Equal(ApiTokenService.MaxActiveTokensPerUser, (await tokens.ListAsync(ann.Actor)).Count);
    }
}

public sealed class ApiTokenLimitTestsOnSqlite : ApiTokenLimitTests;

public sealed class ApiTokenLimitTestsOnPostgres : ApiTokenLimitTests, IOnPostgres;
