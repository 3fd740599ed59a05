using System.Globalization;
using System.Net;
using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Api;

public sealed class ApiRateLimitTests : AppHostTest
{
    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "3")]);

    [Fact]
    public async Task Too_many_requests_get_429_with_retry_after()
    {
        using var client = App.NewApiClient(await App.CreateTokenAsync(await App.AdminAsync(), days: null));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = default!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync("api/v1/books");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
    }
}
