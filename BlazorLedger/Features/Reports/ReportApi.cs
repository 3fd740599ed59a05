using System.Globalization;
using BlazorLedger.Common;
using System.Text.Json.Serialization;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Rates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// The reports over the API (read scope), in natural signs (income earned, expenses spent, liabilities owed and equity all
/// positive), each amount as a decimal string and as an integer of minor units, like the rest of the API. With
/// <c>in=base</c> each report is also put into the book's base currency (see <see cref="InBaseCurrency"/>).
/// </summary>
internal static class ReportApi
{
    public static RouteGroupBuilder MapReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/books/{bookId:guid}/reports/income-statement",
                async (HttpContext http, Guid bookId, string? from, string? to, [FromQuery(Name = "in")] string? currency, ReportService reports,
                    CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var period = new ReportPeriod(Date(from, "from", errors), Date(to, "to", errors));
                    var inBase = InBase(currency, errors);
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await reports.IncomeStatementAsync(ApiEndpoints.Caller(http), bookId, period, inBase, ct), s => Results.Ok(ToApi(s)));
                })
            .WithDescription(InBaseDescription + " Rates are those in effect on `to`.")
            .RequiresQuery("from", "to")
            .Produces<ApiIncomeStatement>();

        api.MapGet("/books/{bookId:guid}/reports/balance-sheet",
                async (HttpContext http, Guid bookId, string? at, [FromQuery(Name = "in")] string? currency, ReportService reports, CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var date = Date(at, "at", errors);
                    var inBase = InBase(currency, errors);
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await reports.BalanceSheetAsync(ApiEndpoints.Caller(http), bookId, date, inBase, ct), s => Results.Ok(ToApi(s)));
                })
            .WithDescription(InBaseDescription + " Rates are those in effect on `at`; a converted currency's retained earnings take up the rounding of its lines, so the sheet still balances.")
            .RequiresQuery("at")
            .Produces<ApiBalanceSheet>();

        api.MapGet("/books/{bookId:guid}/reports/net-worth",
                async (HttpContext http, Guid bookId, string? from, string? to, string? interval, [FromQuery(Name = "in")] string? currency, ReportService reports,
                    CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var (start, end) = (Date(from, "from", errors), Date(to, "to", errors));
                    var every = ReportInterval.Month;
                    if (interval is not null && (!Enum.TryParse(interval, ignoreCase: true, out every) || int.TryParse(interval, out _)))
                    {
                        errors["interval"] = ["Use week, month, quarter or year."];
                    }
                    var inBase = InBase(currency, errors);
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await reports.NetWorthAsync(ApiEndpoints.Caller(http), bookId, start, end, every, inBase, ct), s => Results.Ok(ToApi(s)));
                })
            .WithDescription(InBaseDescription + " Each point is converted at the rates in effect on its date (its period's last day) and has its own `conversion`.")
            .RequiresQuery("from", "to")
            .Produces<ApiNetWorth>();
        return api;
    }

    private const string InBaseDescription = "Per currency. With `in=base` the currencies that have a rate (the latest dated on or before the " +
        "report's date) are converted into the book's base currency and join its section: each account converted on its own and rounded to the " +
        "nearest minor unit, halves to even (banker's rounding), totals the sums of the lines; each converted line carries `convertedFrom` " +
        "(its own currency, amount, the rate and the rate's date), and `conversion` lists the rates used and the currencies left `unconverted` " +
        "(no rate on or before the date), which keep sections of their own.";

    /// <summary>Whether the report is wanted in the base currency: <c>in=base</c>; absent, per currency only.</summary>
    private static bool InBase(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return false;
        }
        if (string.Equals(text, "base", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        errors["in"] = ["Use in=base to convert into the book's base currency, or leave it out for each currency on its own."];
        return false;
    }

    private static ApiConversion? ToApi(ReportConversion? c) => c is null ? null
        : new ApiConversion(c.BaseCurrency, c.On, c.Rates.Select(r => new ApiRate(r.Currency, r.Date, RateValue.ToText(r.Rate))).ToList(), c.Unconverted);

    /// <summary>
    /// Marks query parameters as required in the OpenAPI document. They are bound as optional text so that a missing or bad
    /// one gets the API's own problem (400 naming it) rather than the framework's, which leaves the document calling them optional.
    /// </summary>
    private static RouteHandlerBuilder RequiresQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && names.Contains(p.Name)))
            {
                parameter.Required = true;
            }
            return Task.CompletedTask;
        });

    private static DateOnly Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }
        errors[field] = [IsoDate.Refusal(text)];
        return default;
    }

    private static string Decimal(long minor, string currency) => Money.ToDecimalString(minor, currency, CultureInfo.InvariantCulture);

    private static List<ApiReportLine> Lines(IEnumerable<ReportLine> lines, string currency) =>
        lines.Select(l => new ApiReportLine(l.AccountId, l.Name, l.Code, l.Type.ToString(), Decimal(l.Amount, currency), l.Amount,
            l.From is { } f ? new ApiConvertedFrom(f.Currency, Decimal(f.Amount, f.Currency), f.Amount, RateValue.ToText(f.Rate), f.RateDate) : null)).ToList();

    private static ApiIncomeStatement ToApi(IncomeStatement s) => new(s.Period.From, s.Period.To, s.Currencies.Select(c => new ApiIncomeStatementCurrency(
        c.Currency, Lines(c.Income.Concat(c.Expenses), c.Currency), Decimal(c.TotalIncome, c.Currency), c.TotalIncome,
        Decimal(c.TotalExpenses, c.Currency), c.TotalExpenses, Decimal(c.NetIncome, c.Currency), c.NetIncome)).ToList(), ToApi(s.Conversion));

    private static ApiBalanceSheet ToApi(BalanceSheet s) => new(s.At, s.Currencies.Select(c => new ApiBalanceSheetCurrency(
        c.Currency, Lines(c.Assets.Concat(c.Liabilities).Concat(c.Equity), c.Currency), Decimal(c.TotalAssets, c.Currency), c.TotalAssets,
        Decimal(c.TotalLiabilities, c.Currency), c.TotalLiabilities, Decimal(c.TotalEquity, c.Currency), c.TotalEquity,
        Decimal(c.RetainedEarnings, c.Currency), c.RetainedEarnings, c.Balances)).ToList(), ToApi(s.Conversion));

    private static ApiNetWorth ToApi(NetWorthSeries s) => new(s.Interval.ToString().ToLowerInvariant(), s.Points.Select(p => new ApiNetWorthPoint(
        p.Period.To, p.Period.From, p.Period.To, p.Currencies.Select(c => new ApiNetWorthCurrency(c.Currency, Decimal(c.NetWorth, c.Currency), c.NetWorth,
            Decimal(c.Income, c.Currency), c.Income, Decimal(c.Expenses, c.Currency), c.Expenses)).ToList(), ToApi(p.Conversion))).ToList());
}

public sealed record ApiReportLine(Guid AccountId, string Name, string? Code, string Type, string Amount, long AmountMinor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiConvertedFrom? ConvertedFrom = null);

/// <summary>What a line converted into the base currency was in its own currency, and the rate (in effect from <paramref name="RateDate"/>) used.</summary>
public sealed record ApiConvertedFrom(string Currency, string Amount, long AmountMinor, string Rate, DateOnly RateDate);

/// <summary>With in=base: the base currency, the date whose rates were used, the rates and the currencies left unconverted (no rate).</summary>
public sealed record ApiConversion(string BaseCurrency, DateOnly On, IReadOnlyList<ApiRate> Rates, IReadOnlyList<string> Unconverted);

public sealed record ApiIncomeStatementCurrency(string Currency, IReadOnlyList<ApiReportLine> Accounts, string Income, long IncomeMinor,
    string Expenses, long ExpensesMinor, string NetIncome, long NetIncomeMinor);

public sealed record ApiIncomeStatement(DateOnly From, DateOnly To, IReadOnlyList<ApiIncomeStatementCurrency> Currencies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiConversion? Conversion = null);

public sealed record ApiBalanceSheetCurrency(string Currency, IReadOnlyList<ApiReportLine> Accounts, string Assets, long AssetsMinor,
    string Liabilities, long LiabilitiesMinor, string Equity, long EquityMinor, string RetainedEarnings, long RetainedEarningsMinor, bool Balances);

public sealed record ApiBalanceSheet(DateOnly At, IReadOnlyList<ApiBalanceSheetCurrency> Currencies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiConversion? Conversion = null);

public sealed record ApiNetWorthCurrency(string Currency, string NetWorth, long NetWorthMinor, string Income, long IncomeMinor, string Expenses,
    long ExpensesMinor);

/// <summary>One period of the series: <paramref name="Date"/> is its last day, at which the net worth is taken.</summary>
public sealed record ApiNetWorthPoint(DateOnly Date, DateOnly From, DateOnly To, IReadOnlyList<ApiNetWorthCurrency> Currencies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiConversion? Conversion = null);

public sealed record ApiNetWorth(string Interval, IReadOnlyList<ApiNetWorthPoint> Points);
