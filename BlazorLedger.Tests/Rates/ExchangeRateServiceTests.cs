using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Rates;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Rates;

/// <summary>A book's rates: set, replaced, listed, deleted and refused, on each provider.</summary>
public abstract class ExchangeRateServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    private ExchangeRateService Rates => ledger.Services.GetRequiredService<ExchangeRateService>();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static ExchangeRateDto R(string currency, string date, decimal rate) => new(currency, D(date), rate);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<List<(string, DateOnly, decimal)>> StoredAsync()
    {
        await using var db = await ledger.DbAsync();
        return (await db.ExchangeRates.Select(r => new { r.Currency, r.Date, r.Rate }).ToListAsync())
            .Select(r => (r.Currency, r.Date, r.Rate)).OrderBy(r => r.Currency).ThenBy(r => r.Date).ToList();
    }

    private async Task<List<string>> AuditAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.AuditEvents.Where(a => a.EntityType == nameof(ExchangeRate)).OrderBy(a => a.Id).Select(a => a.Action + " " + a.EntityId).ToListAsync();
    }

    [DbFact]
    public async Task Rates_are_set_exactly_replaced_by_currency_and_date_listed_newest_first_and_audited()
    {
        var set = await Rates.SetAsync(alice.Actor, new SetRates(alice.BookId,
            [R("EUR", "2026-11-01", 1.0842m), R("eur", "2026-11-15", 1.10m), R("JPY", "2026-11-01", 0.0066666667m)]));
        Assert.True(set.Succeeded, set.Message);

        var replaced = await Rates.SetAsync(alice.Actor, new SetRates(alice.BookId, [R("EUR", "2026-11-15", 1.123456789m), R("EUR", "2026-11-01", 1.0842m)]));
        Assert.True(replaced.Succeeded, replaced.Message);

        Assert.Equal([("EUR", D("2026-11-01"), 1.0842m), ("EUR", D("2026-11-15"), 1.123456789m), ("JPY", D("2026-11-01"), 0.0066666667m)],
            await StoredAsync());
        var table = (await Rates.ListAsync(alice.Actor, alice.BookId, new RateQuery())).Value!;
        Assert.Equal("USD", table.BaseCurrency);
        Assert.Equal([("EUR", "2026-11-15"), ("EUR", "2026-11-01"), ("JPY", "2026-11-01")],
            table.Rates.Select(r => (r.Currency, r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        var filtered = (await Rates.ListAsync(alice.Actor, alice.BookId, new RateQuery("eur", D("2026-11-10"), D("2026-11-30")))).Value!;
        Assert.Equal([R("EUR", "2026-11-15", 1.123456789m)], filtered.Rates);
        // Three added, one changed; setting a rate to what it is already records nothing.
        Assert.Equal([$"{AuditActions.RateSet} EUR/2026-11-01", $"{AuditActions.RateSet} EUR/2026-11-15", $"{AuditActions.RateSet} JPY/2026-11-01",
            $"{AuditActions.RateSet} EUR/2026-11-15"], await AuditAsync());

        var deleted = await Rates.DeleteAsync(alice.Actor, alice.BookId, "JPY", D("2026-11-01"));
        var again = await Rates.DeleteAsync(alice.Actor, alice.BookId, "JPY", D("2026-11-01"));

        Assert.True(deleted.Succeeded);
        Assert.Equal(ResultStatus.NotFound, again.Status);
        Assert.DoesNotContain(await StoredAsync(), r => r.Item1 == "JPY");
        Assert.Equal($"{AuditActions.RateDeleted} JPY/2026-11-01", (await AuditAsync())[^1]);
    }

    public static TheoryData<string, ExchangeRateDto[]> Refused => new()
    {
        { "Rates[1].Rate", [R("EUR", "2026-11-01", 1.1m), R("GBP", "2026-11-01", 0m)] },
        { "Rates[0].Rate", [R("EUR", "2026-11-01", -1.08m)] },
        { "Rates[0].Rate", [R("EUR", "2026-11-01", 1.123456789012m)] },
        { "Rates[0].Rate", [R("EUR", "2026-11-01", 0.0000000000001m)] },
        { "Rates[2].Currency", [R("EUR", "2026-11-01", 1.1m), R("GBP", "2026-11-01", 1.2m), R("USD", "2026-11-01", 1m)] },
        { "Rates[0].Currency", [R("XYZ", "2026-11-01", 1.1m)] },
        { "Rates[0].Currency", [R("", "2026-11-01", 1.1m)] },
        { "Rates[0].Date", [R("EUR", "1899-12-31", 1.1m)] },
        { "Rates[1].Date", [R("EUR", "2026-11-01", 1.1m), R("EUR", "2026-11-01", 1.2m)] },
        { "Rates", [] },
    };

    [DbTheory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_rate_is_named_by_its_place_and_nothing_is_written(string field, ExchangeRateDto[] rates)
    {
        await Rates.SetAsync(alice.Actor, new SetRates(alice.BookId, [R("EUR", "2026-01-01", 1.05m)]));
        var (stored, audited) = (await StoredAsync(), await AuditAsync());

        var result = await Rates.SetAsync(alice.Actor, new SetRates(alice.BookId, rates));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(field, result.Errors.Keys);
        Assert.NotEmpty(result.Errors[field][0]);
        Assert.Equal(stored, await StoredAsync());
        Assert.Equal(audited, await AuditAsync());
    }

    [DbFact]
    public async Task Viewers_read_but_cannot_change_rates_and_outsiders_see_no_book()
    {
        await Rates.SetAsync(alice.Actor, new SetRates(alice.BookId, [R("EUR", "2026-01-01", 1.05m)]));
        var vera = await ledger.CreateUserAsync("vera");
        await ledger.AddMemberAsync(alice.BookId, vera, BookRole.Viewer);
        var olga = await ledger.CreateUserAsync("olga");

        Assert.Single((await Rates.ListAsync(vera.Actor, alice.BookId, new RateQuery())).Value!.Rates);
        Assert.Equal(ResultStatus.Forbidden, (await Rates.SetAsync(vera.Actor, new SetRates(alice.BookId, [R("EUR", "2026-02-01", 1.1m)]))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await Rates.DeleteAsync(vera.Actor, alice.BookId, "EUR", D("2026-01-01"))).Status);
        Assert.Equal(ResultStatus.NotFound, (await Rates.ListAsync(olga.Actor, alice.BookId, new RateQuery())).Status);
        Assert.Equal(ResultStatus.NotFound, (await Rates.SetAsync(olga.Actor, new SetRates(alice.BookId, [R("EUR", "2026-02-01", 1.1m)]))).Status);
        // Olga's own book has no rates of Alice's, and Olga's rates go to her book only.
        Assert.True((await Rates.SetAsync(olga.Actor, new SetRates(olga.BookId, [R("GBP", "2026-02-01", 1.27m)]))).Succeeded);
        Assert.Equal([R("GBP", "2026-02-01", 1.27m)], (await Rates.ListAsync(olga.Actor, olga.BookId, new RateQuery())).Value!.Rates);
        Assert.Equal([R("EUR", "2026-01-01", 1.05m)], (await Rates.ListAsync(alice.Actor, alice.BookId, new RateQuery())).Value!.Rates);
    }
}

public sealed class ExchangeRateServiceTestsOnSqlite : ExchangeRateServiceTests;

public sealed class ExchangeRateServiceTestsOnPostgres : ExchangeRateServiceTests, IOnPostgres;
