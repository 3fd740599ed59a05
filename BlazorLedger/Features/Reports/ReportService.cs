using System.Globalization;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Rates;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Reports;

/// <summary>
/// The book's reports, for every member. They read each account's days (<see cref="AccountDay"/>, kept by posting) and
/// the stored balances, never the postings, so they take the same few milliseconds at a million postings as at a hundred.
/// Each report is per currency; with <c>inBase</c> it is also put into the book's base currency at the book's rates
/// (<see cref="InBaseCurrency"/>).
/// </summary>
internal sealed class ReportService(IDbContextFactory<LedgerDbContext> dbFactory)
{
    /// <summary>The longest series a net-worth report draws.</summary>
    public const int MaxPoints = 400;

    public Task<Result<FinancialCalendar>> CalendarAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
            Result<FinancialCalendar>.Ok(new FinancialCalendar(
                await session.Db.Books.Where(b => b.Id == bookId).Select(b => b.MonthStartDay).SingleAsync(ct))), ct);

    public Task<Result<IncomeStatement>> IncomeStatementAsync(Actor actor, Guid bookId, ReportPeriod period, CancellationToken ct = default) =>
        IncomeStatementAsync(actor, bookId, period, inBase: false, ct);

    public Task<Result<IncomeStatement>> IncomeStatementAsync(Actor actor, Guid bookId, ReportPeriod period, bool inBase, CancellationToken ct = default) =>
        Checked<IncomeStatement>(period) ?? Exact(() => dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            var accounts = await AccountsAsync(db, bookId, ct);
            // Each income and expense account's days in the period: one range of the (account, date) index each.
            var sums = await db.Accounts.AsNoTracking()
                .Where(a => a.BookId == bookId && (a.Type == AccountType.Income || a.Type == AccountType.Expense))
                .Select(a => new
                {
                    a.Id,
                    Sum = db.AccountDays.Where(d => d.AccountId == a.Id && d.Date >= period.From && d.Date <= period.To).Sum(d => (long?)d.Amount) ?? 0,
                })
                .ToDictionaryAsync(a => a.Id, a => a.Sum, ct);
            var currencies = accounts.Values.Where(a => a.Type is AccountType.Income or AccountType.Expense)
                .GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var income = Lines(g, AccountType.Income, sums);
                    var expenses = Lines(g, AccountType.Expense, sums);
                    return new IncomeStatementCurrency(g.Key, income, expenses, income.Sum(l => l.Amount), expenses.Sum(l => l.Amount));
                })
                .ToList();
            var statement = new IncomeStatement(period, currencies);
            return Result<IncomeStatement>.Ok(inBase
                ? InBaseCurrency.IncomeStatement(statement, await ExchangeRateService.BaseCurrencyAsync(db, bookId, ct),
                    await RateHistory.LoadAsync(db, bookId, period.To, ct))
                : statement);
        }, ct));

    public Task<Result<BalanceSheet>> BalanceSheetAsync(Actor actor, Guid bookId, DateOnly at, CancellationToken ct = default) =>
        BalanceSheetAsync(actor, bookId, at, inBase: false, ct);

    public Task<Result<BalanceSheet>> BalanceSheetAsync(Actor actor, Guid bookId, DateOnly at, bool inBase, CancellationToken ct = default) =>
        Checked<BalanceSheet>(new ReportPeriod(at, at), "at") ?? Exact(() => dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            var accounts = await AccountsAsync(db, bookId, ct);
            var balances = await BalancesAtAsync(db, bookId, at, ct);
            var currencies = accounts.Values.GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var assets = Lines(g, AccountType.Asset, balances);
                    var liabilities = Lines(g, AccountType.Liability, balances);
                    var equity = Lines(g, AccountType.Equity, balances);
                    var retained = Lines(g, AccountType.Income, balances).Sum(l => l.Amount) - Lines(g, AccountType.Expense, balances).Sum(l => l.Amount);
                    return new BalanceSheetCurrency(g.Key, assets, liabilities, equity, assets.Sum(l => l.Amount), liabilities.Sum(l => l.Amount),
                        equity.Sum(l => l.Amount), retained);
                })
                .ToList();
            var sheet = new BalanceSheet(at, currencies);
            return Result<BalanceSheet>.Ok(inBase
                ? InBaseCurrency.BalanceSheet(sheet, await ExchangeRateService.BaseCurrencyAsync(db, bookId, ct), await RateHistory.LoadAsync(db, bookId, at, ct))
                : sheet);
        }, ct));

    /// <summary>Net worth at the end of each period from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>, with each period's income and expenses.</summary>
    public Task<Result<NetWorthSeries>> NetWorthAsync(Actor actor, Guid bookId, DateOnly from, DateOnly to, ReportInterval interval,
        CancellationToken ct = default) =>
        NetWorthAsync(actor, bookId, from, to, interval, inBase: false, ct);

    /// <summary>As above; with <paramref name="inBase"/> each point is put into the base currency at the rates of its last day.</summary>
    public async Task<Result<NetWorthSeries>> NetWorthAsync(Actor actor, Guid bookId, DateOnly from, DateOnly to, ReportInterval interval,
        bool inBase, CancellationToken ct = default)
    {
        if (Checked<NetWorthSeries>(new ReportPeriod(from, to)) is { } refused)
        {
            return await refused;
        }
        var calendar = await CalendarAsync(actor, bookId, ct);
        if (!calendar.Succeeded)
        {
            return calendar.As<NetWorthSeries>();
        }
        var periods = calendar.Value!.Periods(from, to, interval);
        if (periods.Count > MaxPoints)
        {
            return Result<NetWorthSeries>.Invalid("interval", $"That is {periods.Count} points; choose a longer interval or a shorter range (at most {MaxPoints}).");
        }
        return await Exact(() => dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            var start = periods[0].From;
            var end = periods[^1].To;
            var accounts = await AccountsAsync(db, bookId, ct);
            // Opening balances and the days after them, from one snapshot, so no post lands between the two reads.
            await using var snapshot = await db.BeginReadSnapshotAsync(ct);
            var opening = await BalancesAtAsync(db, bookId, start.AddDays(-1), ct);
            var sums = await PeriodSumsAsync(db, bookId, periods, ct);

            var currencies = accounts.Values.Select(a => a.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
            var worth = currencies.ToDictionary(c => c, c => accounts.Values
                // Net worth is what the assets hold less what the liabilities owe: their signed balances added up.
                .Where(a => a.Currency == c && a.Type is AccountType.Asset or AccountType.Liability).Sum(a => opening.GetValueOrDefault(a.Id)));
            var byPeriod = sums.GroupBy(d => d.Period).ToDictionary(g => g.Key, g => g.ToList());
            var points = new List<NetWorthPoint>(periods.Count);
            for (var i = 0; i < periods.Count; i++)
            {
                var income = currencies.ToDictionary(c => c, _ => 0L);
                var expenses = currencies.ToDictionary(c => c, _ => 0L);
                foreach (var sum in byPeriod.GetValueOrDefault(i) ?? [])
                {
                    var account = accounts[sum.AccountId];
                    switch (account.Type)
                    {
                        case AccountType.Asset or AccountType.Liability:
                            worth[account.Currency] = checked(worth[account.Currency] + sum.Amount);
                            break;
                        case AccountType.Income:
                            income[account.Currency] = checked(income[account.Currency] - sum.Amount);
                            break;
                        case AccountType.Expense:
                            expenses[account.Currency] = checked(expenses[account.Currency] + sum.Amount);
                            break;
                    }
                }
                points.Add(new NetWorthPoint(periods[i], currencies.Select(c => new NetWorthCurrency(c, worth[c], income[c], expenses[c])).ToList()));
            }
            var series = new NetWorthSeries(interval, points);
            return Result<NetWorthSeries>.Ok(inBase
                ? InBaseCurrency.NetWorth(series, await ExchangeRateService.BaseCurrencyAsync(db, bookId, ct), await RateHistory.LoadAsync(db, bookId, end, ct))
                : series);
        }, ct));
    }

    /// <summary>Why a report whose totals go beyond what can be stored is refused.</summary>
    public const string TooLarge =
        "This report's totals are too large to show exactly (beyond 92,233,720,368,547,758.07 in one currency, or 2^63 - 1 of its smallest unit); it is not shown rather than shown wrong.";

    /// <summary>
    /// Each account's balance fits in 64 bits, but a total of several may not: such a report is refused with a clear
    /// reason, never shown wrapped around or failing. Every sum in the reports is checked.
    /// </summary>
    private static async Task<Result<T>> Exact<T>(Func<Task<Result<T>>> report)
    {
        try
        {
            return await report();
        }
        catch (Exception ex) when (ex.IsOverflow())
        {
            return Result<T>.Conflict(TooLarge);
        }
    }

    private sealed record ReportAccount(Guid Id, string Name, string? Code, AccountType Type, string Currency);

    /// <summary>A refusal of a period that no report can cover, named by <paramref name="field"/> (the balance sheet's is its day, "at").</summary>
    private static Task<Result<T>>? Checked<T>(ReportPeriod period, string field = "from") =>
        period.To < period.From ? Task.FromResult(Result<T>.Invalid("to", "The end of the period comes before its start."))
        : period.From < TransactionLimits.EarliestDate || period.To.Year > 9998
            ? Task.FromResult(Result<T>.Invalid(field, $"Choose dates from {TransactionLimits.EarliestDate:yyyy-MM-dd} to 9998-12-31."))
            : null;

    /// <summary>
    /// Each account's net change in each period, added up by the database in one statement: the periods are a VALUES list,
    /// and each account and period is one range of the covering (account, date, amount) index, summed where it lies; no
    /// date is taken apart row by row and nothing is sorted or grouped.
    /// </summary>
    private static async Task<List<PeriodSum>> PeriodSumsAsync(LedgerDbContext db, Guid bookId, IReadOnlyList<ReportPeriod> periods,
        CancellationToken ct)
    {
        var parameters = new List<object> { bookId };
        var values = new StringBuilder();
        for (var i = 0; i < periods.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append('(').Append(i.ToString(CultureInfo.InvariantCulture)).Append(", {")
                .Append(parameters.Count.ToString(CultureInfo.InvariantCulture)).Append("}, {")
                .Append((parameters.Count + 1).ToString(CultureInfo.InvariantCulture)).Append("})");
            parameters.Add(periods[i].From);
            parameters.Add(periods[i].To);
        }
        var sql = $"""
            WITH "Periods" ("Period", "From", "To") AS (VALUES {values})
            SELECT p."Period", a."Id" AS "AccountId", CAST(COALESCE((
                SELECT SUM(d."Amount") FROM "AccountDays" AS d WHERE d."AccountId" = a."Id" AND d."Date" >= p."From" AND d."Date" <= p."To"
            ), 0) AS BIGINT) AS "Amount"
            FROM "Accounts" AS a CROSS JOIN "Periods" AS p
            WHERE a."BookId" = {"{0}"}
            """;
        return await db.Database.SqlQueryRaw<PeriodSum>(sql, parameters.ToArray()).ToListAsync(ct);
    }

    private sealed class PeriodSum
    {
        public int Period { get; init; }

        public Guid AccountId { get; init; }

        public long Amount { get; init; }
    }

    private static async Task<Dictionary<Guid, ReportAccount>> AccountsAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId)
            .Select(a => new ReportAccount(a.Id, a.Name, a.Code, a.Type, a.Currency))
            .ToDictionaryAsync(a => a.Id, ct);

    /// <summary>
    /// Each account's balance at the end of <paramref name="at"/>, in one statement (one snapshot): the sum of its days up to
    /// the date, or its stored balance less the days after it, whichever reads fewer days (both are exact, since an account's
    /// days add up to its balance). Where the date falls is judged from the book's first and last day, two index seeks an account.
    /// </summary>
    private static async Task<Dictionary<Guid, long>> BalancesAtAsync(LedgerDbContext db, Guid bookId, DateOnly at, CancellationToken ct)
    {
        var spans = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId)
            .Select(a => new
            {
                First = db.AccountDays.Where(d => d.AccountId == a.Id).Min(d => (DateOnly?)d.Date),
                Last = db.AccountDays.Where(d => d.AccountId == a.Id).Max(d => (DateOnly?)d.Date),
            })
            .ToListAsync(ct);
        var first = spans.Min(s => s.First);
        var last = spans.Max(s => s.Last);
        var forward = first is { } from && last is { } to && at.DayNumber - from.DayNumber < to.DayNumber - at.DayNumber;
        return forward
            ? await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId)
                .Select(a => new { a.Id, Balance = db.AccountDays.Where(d => d.AccountId == a.Id && d.Date <= at).Sum(d => (long?)d.Amount) ?? 0 })
                .ToDictionaryAsync(a => a.Id, a => a.Balance, ct)
            : await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId)
                .Select(a => new { a.Id, Balance = a.Balance - (db.AccountDays.Where(d => d.AccountId == a.Id && d.Date > at).Sum(d => (long?)d.Amount) ?? 0) })
                .ToDictionaryAsync(a => a.Id, a => a.Balance, ct);
    }

    /// <summary>The accounts of <paramref name="type"/> in natural sign, by code then name; accounts with nothing to show are left out.</summary>
    private static List<ReportLine> Lines(IEnumerable<ReportAccount> accounts, AccountType type, Dictionary<Guid, long> signed) =>
        accounts.Where(a => a.Type == type && signed.GetValueOrDefault(a.Id) != 0)
            .OrderBy(a => a.Code ?? "\uffff", StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => new ReportLine(a.Id, a.Name, a.Code, a.Type, type is AccountType.Asset or AccountType.Expense ? signed[a.Id] : -signed[a.Id]))
            .ToList();
}
