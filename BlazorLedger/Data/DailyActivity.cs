namespace BlazorLedger.Data;

/// <summary>
/// Activity per day (UTC, by when it was entered) and currency, maintained by posting in the same database transaction, so
/// that admin figures read a few rows instead of scanning millions. Currency "*" counts transactions of every currency.
/// Each day and currency is counted in up to <see cref="Slots"/> rows, the book choosing the row: an updated row stays
/// locked until its transaction commits, so a single row would make every post wait for the one before it, whatever its
/// book. Readers add the slots up.
/// </summary>
public sealed class DailyActivity
{
    public const string AllCurrencies = "*";

    public const int Slots = 64;

    public DateOnly Day { get; set; }
    public required string Currency { get; set; }

    /// <summary>Which of the day's rows for the currency this is: <see cref="SlotOf"/> of the books counted in it.</summary>
    public int Slot { get; set; }

    public long Transactions { get; set; }

    /// <summary>
    /// Sum of the debits posted, in minor units of the currency; a statistic, so it stops at <see cref="long.MaxValue"/>
    /// rather than fail a post (see <see cref="AddVolume"/> and <see cref="AddVolumeSql"/>).
    /// </summary>
    public long Volume { get; set; }

    /// <summary>
    /// The upsert's assignment that adds the new row's volume to the stored one, stopping at the largest 64-bit integer
    /// instead of failing (PostgreSQL) or turning the column into a float (SQLite). Volumes are never negative.
    /// </summary>
    public const string AddVolumeSql = """
        "Volume" = CASE WHEN "DailyActivity"."Volume" > 9223372036854775807 - excluded."Volume" THEN 9223372036854775807
        ELSE "DailyActivity"."Volume" + excluded."Volume" END
        """;

    /// <summary>Two volumes added up, stopping at the largest 64-bit integer.</summary>
    public static long AddVolume(long volume, long more) => (long)Int128.Min((Int128)volume + more, long.MaxValue);

    /// <summary>The slot a book's posts are counted in: from the last byte of its id, which is random in every version.</summary>
    public static int SlotOf(Guid bookId)
    {
        Span<byte> bytes = stackalloc byte[16];
        bookId.TryWriteBytes(bytes);
        return bytes[15] % Slots;
    }
}
