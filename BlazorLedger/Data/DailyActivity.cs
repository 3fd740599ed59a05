namespace BlazorLedger.Data;

/// <summary>
/// Activity per day (UTC, by when it was entered) and currency, maintained by posting in the same database transaction, so
/// that admin figures read a few rows instead of scanning millions. Currency "*" counts transactions of every currency.
/// </summary>
public sealed class DailyActivity
{
    public const string AllCurrencies = "*";

    public DateOnly Day { get; set; }
    public required string Currency { get; set; }
    public long Transactions { get; set; }

    /// <summary>Sum of the debits posted, in minor units of the currency.</summary>
    public long Volume { get; set; }
}
