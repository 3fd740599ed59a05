using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Rates;

/// <summary>
/// A book's exchange rates into its base currency: every member reads them, owners and editors set and delete them. Each
/// change is audited in the same database transaction; a request with one bad rate changes nothing.
/// </summary>
internal sealed class ExchangeRateService(IDbContextFactory<LedgerDbContext> dbFactory, BookChangeNotifier notifier, TimeProvider clock)
{
    public Task<Result<RateTable>> ListAsync(Actor actor, Guid bookId, RateQuery query, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            var baseCurrency = await BaseCurrencyAsync(db, bookId, ct);
            var rates = db.ExchangeRates.AsNoTracking().Where(r => r.BookId == bookId);
            if (query.Currency is { } currency)
            {
                var code = currency.Trim().ToUpperInvariant();
                rates = rates.Where(r => r.Currency == code);
            }
            if (query.From is { } from)
            {
                rates = rates.Where(r => r.Date >= from);
            }
            if (query.To is { } to)
            {
                rates = rates.Where(r => r.Date <= to);
            }
            var list = await rates.OrderByDescending(r => r.Date).ThenBy(r => r.Currency)
                .Select(r => new ExchangeRateDto(r.Currency, r.Date, r.Rate)).ToListAsync(ct);
            return Result<RateTable>.Ok(new RateTable(baseCurrency, list));
        }, ct);

    public async Task<Result<IReadOnlyList<ExchangeRateDto>>> SetAsync(Actor actor, SetRates command, CancellationToken ct = default)
    {
        if (command.Rates.Count is 0 or > ExchangeRateLimits.MaxPerRequest)
        {
            return Result<IReadOnlyList<ExchangeRateDto>>.Invalid(nameof(SetRates.Rates),
                $"Give 1 to {ExchangeRateLimits.MaxPerRequest.ToString("N0", CultureInfo.InvariantCulture)} rates.");
        }
        var result = await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var baseCurrency = await BaseCurrencyAsync(db, command.BookId, ct);
            var errors = Validate(command.Rates, baseCurrency, out var wanted);
            if (errors.Any)
            {
                return errors.ToResult<IReadOnlyList<ExchangeRateDto>>();
            }
            var currencies = wanted.Select(r => r.Currency).Distinct().ToList();
            var dates = wanted.Select(r => r.Date).Distinct().ToList();
            var existing = (await db.ExchangeRates
                    .Where(r => r.BookId == command.BookId && currencies.Contains(r.Currency) && dates.Contains(r.Date)).ToListAsync(ct))
                .ToDictionary(r => (r.Currency, r.Date));
            var added = wanted.Count(r => !existing.ContainsKey((r.Currency, r.Date)));
            if (added > 0 && await db.ExchangeRates.CountAsync(r => r.BookId == command.BookId, ct) + added > ExchangeRateLimits.MaxPerBook)
            {
                return Result<IReadOnlyList<ExchangeRateDto>>.Invalid(nameof(SetRates.Rates),
                    $"A book holds at most {ExchangeRateLimits.MaxPerBook.ToString("N0", CultureInfo.InvariantCulture)} rates; delete old ones first.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var rate in wanted)
            {
                var key = $"{rate.Currency}/{rate.Date.ToString(IsoDate.Format, CultureInfo.InvariantCulture)}";
                if (existing.TryGetValue((rate.Currency, rate.Date), out var row))
                {
                    if (row.Rate == rate.Rate)
                    {
                        continue;
                    }
                    db.Audit(now, actor.UserId, command.BookId, AuditActions.RateSet, nameof(ExchangeRate), key,
                        new { rate.Currency, rate.Date, Rate = RateValue.ToText(rate.Rate), Previous = RateValue.ToText(row.Rate) });
                    (row.Rate, row.UpdatedById, row.UpdatedAt) = (rate.Rate, actor.UserId, now);
                }
                else
                {
                    db.ExchangeRates.Add(new ExchangeRate
                    {
                        BookId = command.BookId, Currency = rate.Currency, Date = rate.Date, Rate = rate.Rate, UpdatedById = actor.UserId, UpdatedAt = now,
                    });
                    db.Audit(now, actor.UserId, command.BookId, AuditActions.RateSet, nameof(ExchangeRate), key,
                        new { rate.Currency, rate.Date, Rate = RateValue.ToText(rate.Rate) });
                }
            }
            await db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<IReadOnlyList<ExchangeRateDto>>.Ok(wanted);
        }, ct);
        if (result.Succeeded)
        {
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Rates));
        }
        return result;
    }

    public async Task<Result<bool>> DeleteAsync(Actor actor, Guid bookId, string currency, DateOnly date, CancellationToken ct = default)
    {
        var code = (currency ?? "").Trim().ToUpperInvariant();
        var result = await dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var row = await db.ExchangeRates.FirstOrDefaultAsync(r => r.BookId == bookId && r.Currency == code && r.Date == date, ct);
            var day = date.ToString(IsoDate.Format, CultureInfo.InvariantCulture);
            if (row is null)
            {
                return Result<bool>.NotFound($"The book has no {code} rate dated {day}.");
            }
            db.ExchangeRates.Remove(row);
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.RateDeleted, nameof(ExchangeRate), $"{code}/{day}",
                new { Currency = code, Date = date, Rate = RateValue.ToText(row.Rate) });
            await db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<bool>.Ok(true);
        }, ct);
        if (result.Succeeded)
        {
            notifier.Publish(new BookChange(bookId, BookChangeKind.Rates));
        }
        return result;
    }

    internal static Task<string> BaseCurrencyAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        db.Books.Where(b => b.Id == bookId).Select(b => b.BaseCurrency).SingleAsync(ct);

    private static ValidationErrors Validate(IReadOnlyList<ExchangeRateDto> rates, string baseCurrency, out List<ExchangeRateDto> wanted)
    {
        var errors = new ValidationErrors();
        wanted = [];
        var seen = new Dictionary<(string, DateOnly), int>();
        for (var i = 0; i < rates.Count; i++)
        {
            var prefix = $"{nameof(SetRates.Rates)}[{i}].";
            var rate = rates[i];
            var code = (rate.Currency ?? "").Trim().ToUpperInvariant();
            var ok = true;
            if (!Currencies.IsKnown(code))
            {
                errors.Add(prefix + nameof(ExchangeRateDto.Currency), code.Length == 0
                    ? "Give the currency's ISO 4217 code, such as EUR."
                    : $"\"{(rate.Currency ?? "").Trim()}\" is not an ISO 4217 currency code.");
                ok = false;
            }
            else if (code == baseCurrency)
            {
                errors.Add(prefix + nameof(ExchangeRateDto.Currency), $"{code} is the book's own currency: it needs no rate.");
                ok = false;
            }
            if (rate.Date < TransactionLimits.EarliestDate || rate.Date.Year > 9998)
            {
                errors.Add(prefix + nameof(ExchangeRateDto.Date), $"Choose a date from {TransactionLimits.EarliestDate:yyyy-MM-dd} to 9998-12-31.");
                ok = false;
            }
            if (RateValue.Check(rate.Rate) is { } problem)
            {
                errors.Add(prefix + nameof(ExchangeRateDto.Rate), problem);
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            if (seen.TryGetValue((code, rate.Date), out var first))
            {
                errors.Add(prefix + nameof(ExchangeRateDto.Date), $"rates[{first}] already sets {code} on this date.");
                continue;
            }
            seen[(code, rate.Date)] = i;
            wanted.Add(new ExchangeRateDto(code, rate.Date, RateValue.Normalize(rate.Rate)));
        }
        return errors;
    }
}
