using System.Globalization;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Tests.Transactions;

public sealed class TransactionFiltersTests
{
    private static (TransactionFilters Filters, IReadOnlyList<string> Ignored) Parse(IReadOnlyDictionary<string, object?> query)
    {
        string? Get(string name) => query.TryGetValue(name, out var value) ? (string?)value : null;
        return TransactionFilters.Parse(Get("q"), Get("account"), Get("tag"), Get("payee"), Get("minAmount"), Get("maxAmount"), Get("from"),
            Get("to"), Get("sort"));
    }

    [Fact]
    public void Filters_written_to_the_address_read_back_the_same()
    {
        var filters = new TransactionFilters("coffee", Guid.NewGuid(), "work", "Green Market", 12.5m, 1234.56m,
            new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), TransactionSort.OldestFirst);

        var (read, ignored) = Parse(filters.ToQuery());

        Assert.Equal(filters, read);
        Assert.Empty(ignored);
        Assert.Equal("1234.56", filters.ToQuery()["maxAmount"]);
        Assert.Null(new TransactionFilters().ToQuery()["sort"]);
        Assert.False(new TransactionFilters(Sort: TransactionSort.OldestFirst).Any);
    }

    [Fact]
    public void Values_that_cannot_be_read_are_left_out_and_named()
    {
        var (filters, ignored) = TransactionFilters.Parse("rent", "not-a-guid", "two words", null, "lots", "5", "2026-13-01", "2026-02-30", "sideways");

        Assert.Equal(new TransactionFilters("rent", MaxAmount: 5m), filters);
        Assert.Equal(6, ignored.Count);
        Assert.Contains(ignored, i => i.StartsWith("account", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("minAmount", StringComparison.Ordinal));
        Assert.Contains(ignored, i => i.StartsWith("sort", StringComparison.Ordinal));
    }

    [Fact]
    public void A_largest_amount_below_the_smallest_is_left_out()
    {
        var (filters, ignored) = TransactionFilters.Parse(null, null, null, null, "10", "5", null, null, null);

        Assert.Equal(10m, filters.MinAmount);
        Assert.Null(filters.MaxAmount);
        Assert.Single(ignored);
    }

    [Fact]
    public void Amounts_show_in_the_readers_format_and_are_read_in_it()
    {
        var german = CultureInfo.GetCultureInfo("de-DE");

        Assert.Equal("1234,5", TransactionFilters.AmountText(1234.5m, german));
        Assert.Equal(1234.5m, TransactionFilters.ReadAmount("1.234,5", german));
        Assert.Null(TransactionFilters.ReadAmount("abc", german));
    }
}
