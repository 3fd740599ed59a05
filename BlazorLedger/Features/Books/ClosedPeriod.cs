using System.Globalization;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Books;

/// <summary>
/// A book's closed period: every day up to and including its lock date. Nothing dated in it is posted, voided, corrected
/// or amended, so its reports stay as they were closed; a void of a transaction in it posts its reversal on the first open
/// day instead. Writers check it inside their write transaction, after the book's lock, against the lock date read there
/// (<see cref="BookStanding.LockDate"/>), so a lock date set meanwhile is never raced.
/// </summary>
internal static class ClosedPeriod
{
    public static bool Contains(DateOnly? lockDate, DateOnly date) => lockDate is { } last && date <= last;

    /// <summary>The day a void dated <paramref name="date"/> is posted on: its own, or the first open day after the lock date.</summary>
    public static DateOnly ReversalDate(DateOnly? lockDate, DateOnly date) =>
        lockDate is { } last && date <= last ? last.AddDays(1) : date;

    public static string Describe(DateOnly lockDate) => lockDate.ToString(IsoDate.Format, CultureInfo.InvariantCulture);

    private const string PostHint = "Choose a later date, or ask an owner to move the lock date.";

    /// <summary>Why a write dated <paramref name="date"/> is refused: <paramref name="what"/> the write would do, and what to do instead.</summary>
    public static string Message(DateOnly lockDate, DateOnly date, string what = "posted", string hint = PostHint) =>
        $"The book is closed up to and including its lock date, {Describe(lockDate)}: nothing dated {Describe(date)} can be {what}. {hint}";

    /// <summary>The refusal, as a conflict with the book's state naming the lock date; <paramref name="field"/> is the date's field, for forms.</summary>
    public static Result<T> Refuse<T>(DateOnly lockDate, DateOnly date, string field, string what = "posted", string hint = PostHint)
    {
        var message = Message(lockDate, date, what, hint);
        return Result<T>.Conflict(message) with
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
            ClosedThrough = lockDate,
        };
    }
}
