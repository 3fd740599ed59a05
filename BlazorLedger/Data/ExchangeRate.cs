namespace BlazorLedger.Data;

/// <summary>
/// What one unit of <see cref="Currency"/> is worth in the book's base currency from <see cref="Date"/> on, until the next
/// rate of the same currency. <see cref="Rate"/> is exact; it is stored as text, since SQLite has no exact decimal column
/// (and nothing sums or orders rates in SQL).
/// </summary>
public sealed class ExchangeRate
{
    public Guid BookId { get; set; }
    public required string Currency { get; set; }
    public DateOnly Date { get; set; }
    public decimal Rate { get; set; }
    public required string UpdatedById { get; set; }
    public DateTime UpdatedAt { get; set; }
}
