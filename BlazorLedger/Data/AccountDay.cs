namespace BlazorLedger.Data;

/// <summary>
/// The net change of one account on one day (by the postings' date), kept by posting in the same database transaction as
/// the postings and the balance, so that reports read a row per account and day instead of every posting. A void changes
/// it like any posting; the sum of an account's days is its balance.
/// </summary>
public sealed class AccountDay
{
    public Guid AccountId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The account's book, written with each day; reports find the days by account and date.</summary>
    public Guid BookId { get; set; }

    public long Amount { get; set; }
}
