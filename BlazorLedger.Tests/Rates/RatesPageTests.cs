using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Rates;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Rates;

public sealed class RatesPageTests : LedgerComponentTest
{
    private ExchangeRateService Rates => Services.GetRequiredService<ExchangeRateService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ledger.CreateAccountAsync(User, "Euro cash", currency: "EUR");
        await Ledger.CreateAccountAsync(User, "Pound cash", currency: "GBP");
    }

    private IRenderedComponent<WithProviders> RenderRates()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<RatesPage>());
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=loading]")));
        return host;
    }

    [Fact]
    public async Task An_editor_adds_a_rate_in_their_number_format_and_sees_it_listed_and_stored()
    {
        var host = RenderRates();
        Assert.NotNull(host.ByTestId("rates-empty"));

        host.Choose("rate-currency", "GBP");
        host.Type("rate-value", "1.2745");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=rate-row]")));
        var row = host.Find("[data-testid=rate-row]");
        Assert.Equal("GBP", row.GetAttribute("data-currency"));
        Assert.Equal("1.2745", row.QuerySelector("[data-testid=rate-cell]")!.TextContent.Trim());
        var stored = (await Rates.ListAsync(User.Actor, User.BookId, new RateQuery())).Value!.Rates;
        Assert.Equal(("GBP", 1.2745m), (stored.Single().Currency, stored.Single().Rate));
    }

    [Fact]
    public void A_refused_rate_is_explained_beside_the_field_and_nothing_is_stored()
    {
        var host = RenderRates();

        host.Choose("rate-currency", "EUR");
        host.Type("rate-value", "0");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("A rate must be more than zero.", host.Markup, StringComparison.Ordinal));
        Assert.Empty(host.FindAll("[data-testid=rate-row]"));
        Assert.NotNull(host.ByTestId("rates-empty"));
    }

    [Fact]
    public async Task An_editor_deletes_a_rate()
    {
        await Rates.SetAsync(User.Actor, new SetRates(User.BookId, [new("EUR", new DateOnly(2026, 11, 1), 1.08m), new("EUR", new DateOnly(2026, 11, 2), 1.09m)]));
        var host = RenderRates();
        Assert.Equal(2, host.FindAll("[data-testid=rate-row]").Count);

        host.FindAll("[data-testid=rate-delete]")[0].Click();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=rate-row]")));
        Assert.Equal([new DateOnly(2026, 11, 1)], (await Rates.ListAsync(User.Actor, User.BookId, new RateQuery())).Value!.Rates.Select(r => r.Date));
    }

    [Fact]
    public async Task A_viewer_reads_the_rates_without_the_form_or_delete_buttons()
    {
        var owner = await Ledger.CreateUserAsync("olga");
        await Rates.SetAsync(owner.Actor, new SetRates(owner.BookId, [new("EUR", new DateOnly(2026, 11, 1), 1.08m)]));
        await Ledger.AddMemberAsync(owner.BookId, User, BookRole.Viewer);
        Services.GetRequiredService<CurrentBook>().PreferredId = owner.BookId;

        var host = RenderRates();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=rate-row]")));
        Assert.NotNull(host.ByTestId("rates-read-only"));
        Assert.Empty(host.FindAll("form"));
        Assert.Empty(host.FindAll("[data-testid=rate-delete]"));
    }
}
