using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Rates;

/// <summary>A book's rates up to a date, by currency, to find the rate in effect on any day: the latest dated on or before it.</summary>
internal sealed class RateHistory
{
    private readonly Dictionary<string, List<(DateOnly Date, decimal Rate)>> byCurrency;

    private RateHistory(Dictionary<string, List<(DateOnly Date, decimal Rate)>> byCurrency) => this.byCurrency = byCurrency;

    public static RateHistory Of(IEnumerable<ExchangeRateDto> rates) => new(rates.GroupBy(r => r.Currency, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).Select(r => (r.Date, r.Rate)).ToList(), StringComparer.Ordinal));

    /// <summary>Every rate of the book dated on or before <paramref name="upTo"/>.</summary>
    public static async Task<RateHistory> LoadAsync(LedgerDbContext db, Guid bookId, DateOnly upTo, CancellationToken ct) =>
        Of(await db.ExchangeRates.AsNoTracking().Where(r => r.BookId == bookId && r.Date <= upTo)
            .Select(r => new ExchangeRateDto(r.Currency, r.Date, r.Rate)).ToListAsync(ct));

    /// <summary>The rate of <paramref name="currency"/> in effect on <paramref name="date"/>, if the book has one.</summary>
    public ExchangeRateDto? On(string currency, DateOnly date)
    {
        if (!byCurrency.TryGetValue(currency, out var dated))
        {
            return null;
        }
        var (low, high) = (0, dated.Count);
        // The first rate dated after the day; the one before it is in effect.
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (dated[middle].Date <= date) { low = middle + 1; } else { high = middle; }
        }
        return low == 0 ? null : new ExchangeRateDto(currency, dated[low - 1].Date, dated[low - 1].Rate);
    }
}
