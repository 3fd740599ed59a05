using System.Globalization;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;

namespace BlazorLedger.Features.Rates;

/// <summary>
/// A book's exchange rates over the API: read with the read scope; set (added or replaced, all or none) and deleted with
/// the write scope by owners and editors. Rates are decimal strings, exact ("1.0842"): what one unit of the currency is
/// worth in the book's base currency from the rate's date on.
/// </summary>
internal static class RateApi
{
    public static RouteGroupBuilder MapRateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/books/{bookId:guid}/rates",
                async (HttpContext http, Guid bookId, string? currency, string? from, string? to, ExchangeRateService rates, CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var start = Date(from, "from", errors);
                    var end = Date(to, "to", errors);
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await rates.ListAsync(ApiEndpoints.Caller(http), bookId, new RateQuery(currency, start, end), ct),
                            table => Results.Ok(new ApiRateTable(table.BaseCurrency, table.Rates.Select(ToApi).ToList())));
                })
            .WithSummary("The book's exchange rates, newest first")
            .WithDescription("Optionally only one currency (currency=EUR) and dates from and to (yyyy-MM-dd, inclusive).")
            .Produces<ApiRateTable>();

        api.MapPut("/books/{bookId:guid}/rates", SetAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Sets exchange rates: each one added, or replaced if the book has a rate of that currency on that date")
            .WithDescription($"1 to {ExchangeRateLimits.MaxPerRequest} rates, all set or none: a refused rate is named by its place " +
                "(\"rates[2].rate\") and nothing is written. A rate is a decimal string, more than zero, with at most " +
                $"{ExchangeRateLimits.MaxSignificantDigits} significant digits and {ExchangeRateLimits.MaxDecimals} decimal places; " +
                "the currency is an ISO 4217 code other than the book's own. To remove a rate, DELETE it.")
            .Accepts<ApiSetRates>("application/json").Produces<ApiRateTable>();

        api.MapDelete("/books/{bookId:guid}/rates/{currency}/{date}",
                async (HttpContext http, Guid bookId, string currency, string date, ExchangeRateService rates, CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var day = Date(date, "date", errors);
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await rates.DeleteAsync(ApiEndpoints.Caller(http), bookId, currency, day!.Value, ct), _ => Results.NoContent());
                })
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Deletes the book's rate of a currency on a date (e.g. .../rates/EUR/2026-11-30)")
            .Produces(204);
        return api;
    }

    private static async Task<IResult> SetAsync(HttpContext http, Guid bookId, ExchangeRateService rates, CancellationToken ct)
    {
        var (json, problem) = await ApiEndpoints.ReadBodyAsync(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        ApiSetRates body;
        using (json)
        {
            if (json!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiEndpoints.NotAnObject();
            }
            body = json.RootElement.Deserialize<ApiSetRates>(ApiJson.Rates)!;
        }
        var errors = new Dictionary<string, string[]>();
        var parsed = body.ToRates(errors);
        if (errors.Count > 0)
        {
            return ApiEndpoints.Validation(errors);
        }
        var result = await rates.SetAsync(ApiEndpoints.Caller(http), new SetRates(bookId, parsed), ct);
        return ApiEndpoints.Respond(result, set => Results.Ok(new ApiRateTable(null, set.Select(ToApi).ToList())));
    }

    private static ApiRate ToApi(ExchangeRateDto rate) => new(rate.Currency, rate.Date, RateValue.ToText(rate.Rate));

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }
        errors[field] = [IsoDate.Refusal(text)];
        return null;
    }
}

/// <summary>One rate: one unit of <paramref name="Currency"/> is worth <paramref name="Rate"/> (a decimal string) of the base currency from <paramref name="Date"/> on.</summary>
public sealed record ApiRate(string Currency, DateOnly Date, string Rate);

/// <summary>Rates and the currency they convert into (left out in the answer to a PUT, which lists the rates it set).</summary>
public sealed record ApiRateTable(
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? BaseCurrency,
    IReadOnlyList<ApiRate> Rates);

/// <summary>PUT .../rates: the rates to set, each { currency, date, rate } with rate a decimal string such as "1.0842".</summary>
public sealed record ApiSetRates(IReadOnlyList<ApiRateInput?>? Rates)
{
    internal List<ExchangeRateDto> ToRates(Dictionary<string, string[]> errors)
    {
        var rates = new List<ExchangeRateDto>();
        if (Rates is null || Rates.Count is 0 or > ExchangeRateLimits.MaxPerRequest)
        {
            errors["rates"] = [$"Give the rates as an array of 1 to {ExchangeRateLimits.MaxPerRequest.ToString("N0", CultureInfo.InvariantCulture)} objects."];
            return rates;
        }
        for (var i = 0; i < Rates.Count; i++)
        {
            var prefix = $"rates[{i}]";
            if (Rates[i] is not { } item)
            {
                errors[prefix] = ["Each rate must be an object { currency, date, rate }."];
                continue;
            }
            var ok = true;
            var code = item.Currency.Value?.Trim() ?? "";
            if (item.Currency.IsOtherKind || !Currencies.IsKnown(code.ToUpperInvariant()))
            {
                errors[$"{prefix}.currency"] = [code.Length == 0 ? "Give the currency's ISO 4217 code, such as \"EUR\"." : $"\"{code}\" is not an ISO 4217 currency code."];
                ok = false;
            }
            if (item.Date.IsOtherKind || !IsoDate.TryParse(item.Date.Value, out var date))
            {
                errors[$"{prefix}.date"] = [IsoDate.Refusal(item.Date.IsOtherKind ? null : item.Date.Value, "Give the date as yyyy-MM-dd.")];
                ok = false;
                date = default;
            }
            decimal rate = 0;
            if (item.Rate.IsOtherKind || item.Rate.Value is null)
            {
                errors[$"{prefix}.rate"] = ["Give the rate as a decimal string such as \"1.0842\" (to remove a rate, DELETE .../rates/{currency}/{date})."];
                ok = false;
            }
            else if (!RateValue.TryParse(item.Rate.Value, CultureInfo.InvariantCulture, out rate, out var error))
            {
                errors[$"{prefix}.rate"] = [error];
                ok = false;
            }
            if (ok)
            {
                rates.Add(new ExchangeRateDto(code, date, rate));
            }
        }
        return rates;
    }
}

public sealed record ApiRateInput(ApiText Currency, ApiText Date, ApiText Rate);
