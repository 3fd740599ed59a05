using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Schedules;

/// <summary>A new schedule: the transaction to post (its lines as on the posting form) and when.</summary>
public sealed record CreateSchedule(Guid BookId, string Description, string? Payee, IReadOnlyList<PostingLine> Postings, Recurrence Recurrence);

public sealed record ScheduleLineDto(Guid AccountId, string AccountName, string Currency, long Amount, string? Memo);

/// <summary>A schedule as its list shows it, with the dates of its next occurrences (none once it has ended).</summary>
public sealed record ScheduleDto(Guid Id, string Description, string? Payee, ScheduleUnit Unit, int Every, DateOnly StartDate,
    bool LastDayOfMonth, DateOnly? EndDate, int? Count, int Done, DateOnly? NextDate, IReadOnlyList<DateOnly> NextDates, string? Problem,
    string CreatedBy, long Version, IReadOnlyList<ScheduleLineDto> Lines);

/// <summary>One account's line in an upcoming occurrence and the account's balance after it, all occurrences before it counted.</summary>
public sealed record UpcomingLine(Guid AccountId, string AccountName, string Currency, long Amount, long BalanceAfter);

public sealed record UpcomingOccurrence(DateOnly Date, Guid ScheduleId, string Description, IReadOnlyList<UpcomingLine> Lines);

/// <summary>What a run of the due schedules did: occurrences posted now, found posted already, and schedules stopped with a problem.</summary>
public sealed record ScheduleRun(int Posted, int AlreadyPosted, int Stopped);
