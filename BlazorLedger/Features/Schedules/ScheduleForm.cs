using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Schedules;

/// <summary>
/// The schedules page's form: a transfer from one account to another of the same currency, and when it repeats. What a
/// person typed is read in their number format; errors are keyed by the form's fields.
/// </summary>
public sealed class ScheduleForm
{
    public const string Never = "never";
    public const string OnDate = "date";
    public const string AfterCount = "count";

    public string? Description { get; set; }
    public string? Payee { get; set; }
    public Guid? From { get; set; }
    public Guid? To { get; set; }
    public string? Amount { get; set; }
    public int Every { get; set; } = 1;
    public ScheduleUnit Unit { get; set; } = ScheduleUnit.Month;
    public bool LastDayOfMonth { get; set; }
    public DateTime? StartDate { get; set; }
    public string Ends { get; set; } = Never;
    public DateTime? EndDate { get; set; }
    public int? Count { get; set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    /// <summary>The recurrence as the form stands, for the preview; null while it has no start date.</summary>
    public Recurrence? Recurrence => StartDate is { } start
        ? new Recurrence(DateOnly.FromDateTime(start), Unit, Every, LastDayOfMonth && Unit == ScheduleUnit.Month,
            Ends == OnDate && EndDate is { } end ? DateOnly.FromDateTime(end) : null, Ends == AfterCount ? Count : null)
        : null;

    /// <summary>The command, or null with <see cref="Errors"/> set when the form cannot be read.</summary>
    public CreateSchedule? ToCommand(Guid bookId, IReadOnlyList<AccountDto> accounts, CultureInfo culture)
    {
        var errors = new Dictionary<string, string[]>();
        var from = accounts.FirstOrDefault(a => a.Id == From);
        var to = accounts.FirstOrDefault(a => a.Id == To);
        if (from is null)
        {
            errors[nameof(From)] = ["Choose the account the money comes from."];
        }
        if (to is null)
        {
            errors[nameof(To)] = ["Choose the account the money goes to."];
        }
        else if (from is not null && from.Id == to.Id)
        {
            errors[nameof(To)] = ["Choose an account other than the one the money comes from."];
        }
        else if (from is not null && from.Currency != to.Currency)
        {
            errors[nameof(To)] = [$"Both accounts must be in one currency ({from.Currency} and {to.Currency} differ)."];
        }
        long minor = 0;
        if (from is not null && !Money.TryParse(Amount, from.Currency, culture, out minor, out var error))
        {
            errors[nameof(Amount)] = [error];
        }
        else if (from is not null && minor <= 0)
        {
            errors[nameof(Amount)] = ["Enter an amount greater than zero."];
        }
        if (StartDate is null)
        {
            errors[nameof(StartDate)] = ["Choose the date of the first occurrence."];
        }
        if (Ends == OnDate && EndDate is null)
        {
            errors[nameof(EndDate)] = ["Choose the date of the last occurrence, or let it run on."];
        }
        if (Ends == AfterCount && Count is null)
        {
            errors[nameof(Count)] = ["Say how many times it happens, or let it run on."];
        }
        Errors = new FieldErrors(errors);
        return errors.Count > 0 ? null
            : new CreateSchedule(bookId, Description ?? "", Payee, [new PostingLine(to!.Id, minor), new PostingLine(from!.Id, -minor)], Recurrence!);
    }

    /// <summary>Shows the service's refusal beside the fields (a line's errors beside the account or the amount).</summary>
    public void Refused(IReadOnlyDictionary<string, string[]> errors) =>
        Errors = new FieldErrors(errors.GroupBy(e => FieldOf(e.Key)).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray()));

    private static string FieldOf(string key) => key switch
    {
        "Postings[0].AccountId" => nameof(To),
        "Postings[1].AccountId" => nameof(From),
        _ when key.EndsWith(".Amount", StringComparison.Ordinal) || key == "Postings" => nameof(Amount),
        "Date" => nameof(StartDate),
        _ => key,
    };

    public void Saved()
    {
        (Description, Payee, Amount) = (null, null, null);
        Errors = FieldErrors.None;
    }
}
