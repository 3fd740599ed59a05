namespace BlazorLedger.Data;

/// <summary>What one transaction may hold. The lengths are also the schema's column sizes (see <see cref="BookLimits"/>).</summary>
public static class TransactionLimits
{
    public const int MaxPostings = 100;
    public const int MaxDescription = 200;
    public const int MaxPayee = 100;
    public const int MaxMemo = 200;
    public const int MaxIdempotencyKey = 100;
    public const int MaxTags = 10;
    public const int MaxTag = 32;
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
}
