using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// The reports over the API (read scope), in natural signs (income earned, expenses spent, liabilities owed and equity all
/// positive), each amount as a decimal string and as an integer of minor units, like the rest of the API.
/// </summary>
internal static class ReportApi
{
    public static RouteGroupBuilder MapReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/books/{bookId:guid}/reports/income-statement",
                async (HttpContext http, Guid bookId, string? from, string? to, ReportService reports, CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var period = new ReportPeriod(Date(from, "from", errors), Date(to, "to", errors));
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await reports.IncomeStatementAsync(ApiEndpoints.Caller(http), bookId, period, ct), s => Results.Ok(ToApi(s)));
                })
            .Produces<ApiIncomeStatement>();

        api.MapGet("/books/{bookId:guid}/reports/balance-sheet",
                async (HttpContext http, Guid bookId, string? at, ReportService reports, CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var date = Date(at, "at", errors);
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await reports.BalanceSheetAsync(ApiEndpoints.Caller(http), bookId, date, ct), s => Results.Ok(ToApi(s)));
                })
            .Produces<ApiBalanceSheet>();

        api.MapGet("/books/{bookId:guid}/reports/net-worth",
                async (HttpContext http, Guid bookId, string? from, string? to, string? interval, ReportService reports, CancellationToken ct) =>
                {
                    var errors = new Dictionary<string, string[]>();
                    var (start, end) = (Date(from, "from", errors), Date(to, "to", errors));
                    var every = ReportInterval.Month;
                    if (interval is not null && (!Enum.TryParse(interval, ignoreCase: true, out every) || int.TryParse(interval, out _)))
                    {
                        errors["interval"] = ["Use week, month, quarter or year."];
                    }
                    return errors.Count > 0 ? ApiEndpoints.Validation(errors)
                        : ApiEndpoints.Respond(await reports.NetWorthAsync(ApiEndpoints.Caller(http), bookId, start, end, every, ct), s => Results.Ok(ToApi(s)));
                })
            .Produces<ApiNetWorth>();
        return api;
    }

    private static DateOnly Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }
        errors[field] = ["Give a date as yyyy-MM-dd."];
        return default;
    }

    private static string Decimal(long minor, string currency) => Money.ToDecimalString(minor, currency, CultureInfo.InvariantCulture);

    private static List<ApiReportLine> Lines(IEnumerable<ReportLine> lines, string currency) =>
        lines.Select(l => new ApiReportLine(l.AccountId, l.Name, l.Code, l.Type.ToString(), Decimal(l.Amount, currency), l.Amount)).ToList();

    private static ApiIncomeStatement ToApi(IncomeStatement s) => new(s.Period.From, s.Period.To, s.Currencies.Select(c => new ApiIncomeStatementCurrency(
        c.Currency, Lines(c.Income.Concat(c.Expenses), c.Currency), Decimal(c.TotalIncome, c.Currency), c.TotalIncome,
        Decimal(c.TotalExpenses, c.Currency), c.TotalExpenses, Decimal(c.NetIncome, c.Currency), c.NetIncome)).ToList());

    private static ApiBalanceSheet ToApi(BalanceSheet s) => new(s.At, s.Currencies.Select(c => new ApiBalanceSheetCurrency(
        c.Currency, Lines(c.Assets.Concat(c.Liabilities).Concat(c.Equity), c.Currency), Decimal(c.TotalAssets, c.Currency), c.TotalAssets,
        Decimal(c.TotalLiabilities, c.Currency), c.TotalLiabilities, Decimal(c.TotalEquity, c.Currency), c.TotalEquity,
        Decimal(c.RetainedEarnings, c.Currency), c.RetainedEarnings, c.Balances)).ToList());

    private static ApiNetWorth ToApi(NetWorthSeries s) => new(s.Interval.ToString().ToLowerInvariant(), s.Points.Select(p => new ApiNetWorthPoint(
        p.Period.To, p.Period.From, p.Period.To, p.Currencies.Select(c => new ApiNetWorthCurrency(c.Currency, Decimal(c.NetWorth, c.Currency), c.NetWorth,
            Decimal(c.Income, c.Currency), c.Income, Decimal(c.Expenses, c.Currency), c.Expenses)).ToList())).ToList());
}

public sealed record ApiReportLine(Guid AccountId, string Name, string? Code, string Type, string Amount, long AmountMinor);

public sealed record ApiIncomeStatementCurrency(string Currency, IReadOnlyList<ApiReportLine> Accounts, string Income, long IncomeMinor,
    string Expenses, long ExpensesMinor, string NetIncome, long NetIncomeMinor);

public sealed record ApiIncomeStatement(DateOnly From, DateOnly To, IReadOnlyList<ApiIncomeStatementCurrency> Currencies);

public sealed record ApiBalanceSheetCurrency(string Currency, IReadOnlyList<ApiReportLine> Accounts, string Assets, long AssetsMinor,
    string Liabilities, long LiabilitiesMinor, string Equity, long EquityMinor, string RetainedEarnings, long RetainedEarningsMinor, bool Balances);

public sealed record ApiBalanceSheet(DateOnly At, IReadOnlyList<ApiBalanceSheetCurrency> Currencies);

public sealed record ApiNetWorthCurrency(string Currency, string NetWorth, long NetWorthMinor, string Income, long IncomeMinor, string Expenses,
    long ExpensesMinor);

/// <summary>One period of the series: <paramref name="Date"/> is its last day, at which the net worth is taken.</summary>
public sealed record ApiNetWorthPoint(DateOnly Date, DateOnly From, DateOnly To, IReadOnlyList<ApiNetWorthCurrency> Currencies);

public sealed record ApiNetWorth(string Interval, IReadOnlyList<ApiNetWorthPoint> Points);
