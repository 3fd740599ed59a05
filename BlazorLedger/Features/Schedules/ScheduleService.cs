using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Schedules;

/// <summary>
/// Recurring transactions. Each occurrence is posted through <see cref="PostingService"/> in the schedule maker's name with
/// the idempotency key (schedule, date): the database's unique key on it makes every occurrence post exactly once, however
/// many runners (several instances, a restart halfway, a person's "Post now") reach it at the same time. The schedule's
/// <see cref="Schedule.NextIndex"/> only says where to look next; it is moved on after the post, never before.
/// </summary>
internal sealed class ScheduleService(IDbContextFactory<LedgerDbContext> dbFactory, PostingService postings, TimeProvider clock,
    ILogger<ScheduleService> logger)
{
    public const int MaxPerBook = 200;
    public const int UpcomingDays = 30;
    private const int PreviewDates = 3;

    public static string KeyFor(Guid scheduleId, DateOnly date) =>
        $"schedule:{scheduleId:N}:{date.ToString(IsoDate.Format, CultureInfo.InvariantCulture)}";

    public Task<Result<IReadOnlyList<ScheduleDto>>> ListAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var schedules = await LoadAsync(session.Db, bookId, id: null, ct);
            return Result<IReadOnlyList<ScheduleDto>>.Ok(schedules);
        }, ct);

    public async Task<Result<ScheduleDto>> CreateAsync(Actor actor, CreateSchedule command, CancellationToken ct = default)
    {
        var template = PostingService.Normalize(new PostTransaction(command.BookId, command.Recurrence.StartDate, command.Description,
            command.Payee, command.Postings ?? []));
        var errors = PostingService.ValidateShape(template, Today());
        command.Recurrence.Validate(errors);
        if (errors.Any)
        {
            return errors.ToResult<ScheduleDto>();
        }
        return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var ids = template.Postings.Select(p => p.AccountId).Distinct().ToList();
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.BookId == command.BookId && ids.Contains(a.Id))
                .Select(a => new AccountForPosting(a.Id, a.Name, a.Currency, a.Archived)).ToDictionaryAsync(a => a.Id, ct);
            var lineErrors = PostingService.ValidateAgainstAccounts(template.Postings, accounts);
            if (lineErrors.Any)
            {
                return lineErrors.ToResult<ScheduleDto>();
            }
            if (await db.Schedules.CountAsync(s => s.BookId == command.BookId, ct) >= MaxPerBook)
            {
                return Result<ScheduleDto>.Invalid("", $"A book holds at most {MaxPerBook} schedules; delete one that has ended first.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var r = command.Recurrence;
            var schedule = new Schedule
            {
                BookId = command.BookId, CreatedById = actor.UserId, Description = template.Description, Payee = template.Payee,
                Unit = r.Unit, Every = r.Every, StartDate = r.StartDate, LastDayOfMonth = r.LastDayOfMonth, EndDate = r.EndDate,
                Count = r.Count, CreatedAt = now, Version = 1,
                Lines = template.Postings.Select((p, i) => new ScheduleLine { Position = i, AccountId = p.AccountId, Amount = p.Amount, Memo = p.Memo })
                    .ToList(),
            };
            db.Schedules.Add(schedule);
            db.Audit(now, actor.UserId, command.BookId, AuditActions.ScheduleCreated, nameof(Schedule), schedule.Id,
                new { schedule.Description, Unit = r.Unit.ToString(), r.Every, StartDate = Iso(r.StartDate), EndDate = r.EndDate is { } e ? Iso(e) : null, r.Count });
            await db.SaveChangesAsync(ct);
            var created = (await LoadAsync(db, command.BookId, schedule.Id, ct)).Single();
            await session.CommitAsync(ct);
            return Result<ScheduleDto>.Created(created);
        }, ct);
    }

    public Task<Result<bool>> DeleteAsync(Actor actor, Guid bookId, Guid scheduleId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var schedule = await db.Schedules.FirstOrDefaultAsync(s => s.BookId == bookId && s.Id == scheduleId, ct);
            if (schedule is null)
            {
                return Result<bool>.NotFound(NotFoundMessage);
            }
            db.Schedules.Remove(schedule);
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.ScheduleDeleted, nameof(Schedule), schedule.Id,
                new { schedule.Description, Done = schedule.NextIndex });
            await db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<bool>.Ok(true);
        }, ct);

    /// <summary>Leaves the next occurrence out: it is never posted, and the one after it is next.</summary>
    public Task<Result<ScheduleDto>> SkipAsync(Actor actor, Guid bookId, Guid scheduleId, long version, CancellationToken ct = default) =>
        ChangeAsync(actor, bookId, scheduleId, version, (schedule, db, now) =>
        {
            if (Recurrence.Of(schedule).Occurrence(schedule.NextIndex) is not { } next)
            {
                return "This schedule has ended: there is nothing to skip.";
            }
            schedule.NextIndex++;
            db.Audit(now, actor.UserId, bookId, AuditActions.ScheduleSkipped, nameof(Schedule), schedule.Id, new { Date = Iso(next) });
            return null;
        }, ct);

    /// <summary>Starts a stopped schedule again from its next occurrence, once its problem is fixed.</summary>
    public Task<Result<ScheduleDto>> ResumeAsync(Actor actor, Guid bookId, Guid scheduleId, long version, CancellationToken ct = default) =>
        ChangeAsync(actor, bookId, scheduleId, version, (schedule, db, now) =>
        {
            if (schedule.Problem is null)
            {
                return "This schedule is running.";
            }
            schedule.Problem = null;
            db.Audit(now, actor.UserId, bookId, AuditActions.ScheduleResumed, nameof(Schedule), schedule.Id);
            return null;
        }, ct);

    /// <summary>Applies <paramref name="change"/> (which returns why it cannot, or null) against the version the caller read.</summary>

    private Task<Result<ScheduleDto>> ChangeAsync(Actor actor, Guid bookId, Guid scheduleId, long version,
        Func<Schedule, LedgerDbContext, DateTime, string?> change, CancellationToken ct) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var schedule = await db.Schedules.FirstOrDefaultAsync(s => s.BookId == bookId && s.Id == scheduleId, ct);
            if (schedule is null)
            {
                return Result<ScheduleDto>.NotFound(NotFoundMessage);
            }
            if (schedule.Version != version)
            {
                return Result<ScheduleDto>.Conflict("Someone else changed or ran this schedule meanwhile; look at it again.",
                    (await LoadAsync(db, bookId, scheduleId, ct)).Single());
            }
            if (change(schedule, db, clock.GetUtcNow().UtcDateTime) is { } refused)
            {
                return Result<ScheduleDto>.Invalid("", refused);
            }
            schedule.Version++;
            await db.SaveChangesAsync(ct);
            var changed = (await LoadAsync(db, bookId, scheduleId, ct)).Single();
            await session.CommitAsync(ct);
            return Result<ScheduleDto>.Ok(changed);
        }, ct);

    /// <summary>
    /// Posts the next occurrence now, dated today when it falls later (a bill paid early), or on its own date when it is due
    /// already. It is posted in the schedule maker's name with the occurrence's key, so the runner finds it posted.
    /// </summary>
    public async Task<Result<TransactionDto>> PostNextNowAsync(Actor actor, Guid bookId, Guid scheduleId, CancellationToken ct = default)
    {
        var read = await dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: false, async session =>
        {
            var schedule = await session.Db.Schedules.AsNoTracking().Include(s => s.Lines)
                .FirstOrDefaultAsync(s => s.BookId == bookId && s.Id == scheduleId, ct);
            return schedule is null ? Result<Schedule>.NotFound(NotFoundMessage) : Result<Schedule>.Ok(schedule);
        }, ct);
        if (!read.Succeeded)
        {
            return read.As<TransactionDto>();
        }
        var schedule = read.Value!;
        if (Recurrence.Of(schedule).Occurrence(schedule.NextIndex) is not { } next)
        {
            return Result<TransactionDto>.Invalid("", "This schedule has ended: there is nothing to post.");
        }
        var today = Today();
        var outcome = await PostOccurrenceAsync(schedule, schedule.NextIndex, next, next > today ? today : next, ct);
        if (!outcome.Stopped && !outcome.Result.Succeeded)
        {
            return outcome.Matched ? outcome.Result : Result<TransactionDto>.Conflict($"The occurrence on {Iso(next)} was posted meanwhile.");
        }
        if (outcome.Result.Status == ResultStatus.Created)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.SchedulePostedEarly, nameof(Schedule), schedule.Id,
                new { Date = Iso(next), TransactionId = outcome.Result.Value!.Id });
            await db.SaveChangesAsync(ct);
        }
        return outcome.Result;
    }

    /// <summary>Posts every due occurrence of every running schedule, oldest first; what the background runner calls.</summary>
    public async Task<ScheduleRun> PostDueAsync(CancellationToken ct = default)
    {
        var today = Today();
        List<Schedule> running;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            running = await db.Schedules.AsNoTracking().Include(s => s.Lines).Where(s => s.Problem == null && s.StartDate <= today)
                .ToListAsync(ct);
        }
        var (posted, already, stopped) = (0, 0, 0);
        foreach (var schedule in running)
        {
            foreach (var (index, date) in Recurrence.Of(schedule).Until(schedule.NextIndex, today))
            {
                ct.ThrowIfCancellationRequested();
                var outcome = await PostOccurrenceAsync(schedule, index, date, date, ct);
                if (outcome.Stopped)
                {
                    stopped++;
                    break;
                }
                if (outcome.Result.Status == ResultStatus.Created)
                {
                    posted++;
                }
                else
                {
                    already++;
                }
            }
        }
        return new ScheduleRun(posted, already, stopped);
    }

    /// <summary>The post's own answer (a failure that is not <paramref name="Stopped"/> means the occurrence was posted already).</summary>
    private sealed record Outcome(Result<TransactionDto> Result, bool Stopped, bool Matched = false);

    /// <summary>
    /// Posts occurrence <paramref name="index"/> (falling on <paramref name="date"/>) dated <paramref name="postDate"/>, then
    /// moves the schedule past it; a refusal stops the schedule with the reason, for a person to fix and resume.
    /// </summary>
    private async Task<Outcome> PostOccurrenceAsync(Schedule schedule, int index, DateOnly date, DateOnly postDate, CancellationToken ct)
    {
        var key = KeyFor(schedule.Id, date);
        var maker = new Actor(schedule.CreatedById);
        var command = new PostTransaction(schedule.BookId, postDate, schedule.Description, schedule.Payee,
            schedule.Lines.OrderBy(l => l.Position).Select(l => new PostingLine(l.AccountId, l.Amount, l.Memo)).ToList(), key);
        var matched = false;
        var result = await dbFactory.InBookAsync(maker, schedule.BookId, BookRole.Editor, write: true, async session =>
        {
            // Under the book's lock, which an import takes too: a bank row that stood for this occurrence is seen here, or
            // this post is seen by the import, never neither.
            matched = await session.Db.MatchedOccurrences.AnyAsync(m => m.ScheduleId == schedule.Id && m.Date == date, ct);
            if (matched)
            {
                return Result<TransactionDto>.Conflict($"The occurrence on {Iso(date)} was matched by an imported bank row.");
            }
            var (posted, written) = await postings.PostInSessionAsync(session, maker, command, ct);
            if (written is not null)
            {
                await session.CommitAsync(ct);
                postings.Published(schedule.BookId);
            }
            return posted;
        }, ct);
        if (!matched && !result.Succeeded && !await PostedAsync(schedule, key, ct))
        {
            var problem = result.Status is ResultStatus.Forbidden or ResultStatus.NotFound
                ? "Its maker can no longer post in this book; delete it, or have an editor make it again."
                : $"The occurrence on {Iso(date)} was refused: {Reason(result)}";
            await StopAsync(schedule, problem, ct);
            logger.LogInformation("Schedule {Schedule} in book {Book} stopped: {Problem}", schedule.Id, schedule.BookId, problem);
            return new Outcome(result, Stopped: true);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only forward: a runner that is behind never moves a schedule back.
        await db.Schedules.Where(s => s.Id == schedule.Id && s.NextIndex <= index)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextIndex, index + 1).SetProperty(s => s.Version, s => s.Version + 1), ct);
        return new Outcome(result, Stopped: false, matched);
    }

    private async Task<bool> PostedAsync(Schedule schedule, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Transactions.AnyAsync(t => t.BookId == schedule.BookId && t.CreatedById == schedule.CreatedById && t.IdempotencyKey == key, ct);
    }

    private async Task StopAsync(Schedule schedule, string problem, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stopped = await db.Schedules.Where(s => s.Id == schedule.Id && s.Problem == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Problem, problem).SetProperty(s => s.Version, s => s.Version + 1), ct);
        if (stopped > 0)
        {
            db.Audit(clock.GetUtcNow().UtcDateTime, null, schedule.BookId, AuditActions.ScheduleStopped, nameof(Schedule), schedule.Id,
                new { Problem = problem });
            await db.SaveChangesAsync(ct);
        }
    }

    private static string Reason(Result<TransactionDto> result) =>
        result.Errors.Count > 0 ? string.Join(" ", result.Errors.SelectMany(e => e.Value).Distinct()) : result.Message ?? "refused.";

    /// <summary>
    /// The running schedules' occurrences from now to <paramref name="days"/> days ahead (and any due and not yet posted),
    /// in date order, each line with its account's balance after it: today's balance plus every occurrence up to it.
    /// </summary>
    public Task<Result<IReadOnlyList<UpcomingOccurrence>>> UpcomingAsync(Actor actor, Guid bookId, int days = UpcomingDays,
        CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            if (days is < 1 or > 366)
            {
                return Result<IReadOnlyList<UpcomingOccurrence>>.Invalid("days", "Look 1 to 366 days ahead.");
            }
            var db = session.Db;
            var until = Today().AddDays(days);
            var schedules = await db.Schedules.AsNoTracking().Include(s => s.Lines)
                .Where(s => s.BookId == bookId && s.Problem == null && s.StartDate <= until).ToListAsync(ct);
            var ids = schedules.SelectMany(s => s.Lines).Select(l => l.AccountId).Distinct().ToList();
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && ids.Contains(a.Id))
                .Select(a => new { a.Id, a.Name, a.Currency, a.Balance }).ToDictionaryAsync(a => a.Id, ct);
            var balances = accounts.ToDictionary(a => a.Key, a => a.Value.Balance);
            // An occurrence an imported bank row stood for is done: the schedule will not post it.
            var matched = (await db.MatchedOccurrences.AsNoTracking().Where(m => m.BookId == bookId && m.Date <= until)
                .Select(m => new { m.ScheduleId, m.Date }).ToListAsync(ct)).Select(m => (m.ScheduleId, m.Date)).ToHashSet();
            var occurrences = schedules
                .SelectMany(s => Recurrence.Of(s).Until(s.NextIndex, until).Where(o => !matched.Contains((s.Id, o.Date))).Select(o => (Schedule: s, o.Date)))
                .OrderBy(o => o.Date).ThenBy(o => o.Schedule.Description, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Schedule.Id)
                .ToList();
            var list = new List<UpcomingOccurrence>(occurrences.Count);
            foreach (var (schedule, date) in occurrences)
            {
                var lines = new List<UpcomingLine>();
                foreach (var line in schedule.Lines.OrderBy(l => l.Position))
                {
                    var account = accounts[line.AccountId];
                    // Far-fetched, but 200 schedules of the largest amounts could leave 64 bits: the projection stops at the edge.
                    var sum = balances[line.AccountId] + line.Amount;
                    balances[line.AccountId] = (line.Amount > 0 && sum < balances[line.AccountId]) ? long.MaxValue
                        : (line.Amount < 0 && sum > balances[line.AccountId]) ? long.MinValue : sum;
                    lines.Add(new UpcomingLine(account.Id, account.Name, account.Currency, line.Amount, balances[line.AccountId]));
                }
                list.Add(new UpcomingOccurrence(date, schedule.Id, schedule.Description, lines));
            }
            return Result<IReadOnlyList<UpcomingOccurrence>>.Ok(list);
        }, ct);

    private static async Task<List<ScheduleDto>> LoadAsync(LedgerDbContext db, Guid bookId, Guid? id, CancellationToken ct)
    {
        var query = db.Schedules.AsNoTracking().Include(s => s.Lines).Where(s => s.BookId == bookId);
        if (id is { } only)
        {
            query = query.Where(s => s.Id == only);
        }
        var schedules = await query.ToListAsync(ct);
        var ids = schedules.SelectMany(s => s.Lines).Select(l => l.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.Currency }).ToDictionaryAsync(a => a.Id, ct);
        var makers = schedules.Select(s => s.CreatedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => makers.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return schedules
            .Select(s =>
            {
                var recurrence = Recurrence.Of(s);
                var next = Enumerable.Range(s.NextIndex, PreviewDates).Select(recurrence.Occurrence).TakeWhile(d => d is not null)
                    .Select(d => d!.Value).ToList();
                return new ScheduleDto(s.Id, s.Description, s.Payee, s.Unit, s.Every, s.StartDate, s.LastDayOfMonth, s.EndDate, s.Count,
                    s.NextIndex, next.Count > 0 ? next[0] : null, next, s.Problem, names.GetValueOrDefault(s.CreatedById) ?? "",
                    s.Version, s.Lines.OrderBy(l => l.Position)
                        .Select(l => new ScheduleLineDto(l.AccountId, accounts[l.AccountId].Name, accounts[l.AccountId].Currency, l.Amount, l.Memo))
                        .ToList());
            })
            .OrderBy(s => s.NextDate ?? DateOnly.MaxValue).ThenBy(s => s.Description, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    private const string NotFoundMessage = "Schedule not found.";

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly date) => date.ToString(IsoDate.Format, CultureInfo.InvariantCulture);
}
