using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Admin;

public sealed class DashboardPageTests : AdminComponentTest
{
    [Fact]
    public async Task The_dashboard_shows_the_figures_and_its_feed_updates_when_something_is_recorded()
    {
        var cash = await Ledger.CreateAccountAsync(User, "Cash");
        var food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("0", page.ByTestId("figure-transactions-value").TextContent));
        Assert.Equal("1", page.ByTestId("figure-users-value").TextContent);
        Assert.Contains("2 accounts", page.ByTestId("figure-books-caption").TextContent);
        Assert.DoesNotContain(page.FindAll("[data-testid=feed-entry]"), e => e.TextContent.Contains("transaction.posted"));

        await Ledger.TransferAsync(User, cash, food, 4_20);

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=feed-entry]"), e => e.TextContent.Contains("transaction.posted")));
        page.WaitForAssertion(() => Assert.Equal("1", page.ByTestId("figure-transactions-value").TextContent));
        Assert.Contains("4.20", page.ByTestId("volume").TextContent);
    }

    [Fact]
    public void The_circuit_count_is_live()
    {
        var circuits = Services.GetRequiredService<CircuitCounter>();
        var handler = new CountingCircuitHandler(circuits);
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("0", page.ByTestId("figure-circuits-value").TextContent));

        handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        handler.OnCircuitOpenedAsync(null!, CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("2", page.ByTestId("figure-circuits-value").TextContent));
        handler.OnCircuitClosedAsync(null!, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Equal("1", page.ByTestId("figure-circuits-value").TextContent));
    }
}
