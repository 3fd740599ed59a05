using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Books;

public sealed class BookService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock,
    IOptions<BookOptions> options)
{
    public async Task<IReadOnlyList<BookSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var books = await db.BookMembers.AsNoTracking()
            .Where(m => m.UserId == actor.UserId && (actor.OnlyBook == null || m.BookId == actor.OnlyBook))
            .Select(m => new BookSummary(m.Book!.Id, m.Book.Name, m.Book.BaseCurrency, m.Role,
                db.Transactions.Where(t => t.BookId == m.BookId).Max(t => (DateOnly?)t.Date), m.Book.ArchivedAt != null, m.Book.LockDate))
            .ToListAsync(ct);
        return books.OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(b => b.Id).ToList();
    }

    public async Task<Result<BookSummary>> GetAsync(Actor actor, Guid bookId, CancellationToken ct = default)
    {
        if (!actor.Reaches(bookId))
        {
            return Result<BookSummary>.NotFound(BookAccess.NotFoundMessage);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var book = await db.BookMembers.AsNoTracking()
            .Where(m => m.BookId == bookId && m.UserId == actor.UserId)
            .Select(m => new BookSummary(m.Book!.Id, m.Book.Name, m.Book.BaseCurrency, m.Role, null, m.Book.ArchivedAt != null, m.Book.LockDate))
            .FirstOrDefaultAsync(ct);
        return book is null ? Result<BookSummary>.NotFound(BookAccess.NotFoundMessage) : Result<BookSummary>.Ok(book);
    }

    /// <summary>Creates an empty book owned by <paramref name="actor"/>.</summary>
    public Task<Result<BookSummary>> CreateAsync(Actor actor, string name, string currency, CancellationToken ct = default) =>
        CreateAsync(actor, new CreateBook(name, currency), ct);

    /// <summary>
    /// Creates a book owned by <paramref name="actor"/> with its template's accounts, all saved in one database transaction.
    /// </summary>
    public async Task<Result<BookSummary>> CreateAsync(Actor actor, CreateBook command, CancellationToken ct = default)
    {
        if (actor.OnlyBook is not null)
        {
            return Result<BookSummary>.Forbidden(Actor.LimitedMessage);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var added = Add(db, actor, command.Name ?? "", command.Currency ?? "", command.Template);
        if (added.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    /// <summary>
    /// Adds the personal book every new user gets to <paramref name="db"/>, the context that is creating the user, so that
    /// the user and their book are saved in one transaction; the caller saves.
    /// </summary>
    internal Result<BookSummary> AddPersonalBook(LedgerDbContext db, string userId, string? displayName)
    {
        var shown = ValidationErrors.WithoutDeceptive(displayName ?? "").Trim();
        var owner = shown.Length == 0 ? "Personal" : $"{shown}'s book";
        return Add(db, new Actor(userId), owner.Length > BookLimits.MaxName ? owner[..BookLimits.MaxName] : owner, options.Value.DefaultCurrency,
            BookTemplate.Empty);
    }

    private Result<BookSummary> Add(LedgerDbContext db, Actor actor, string name, string currency, BookTemplate template)
    {
        var errors = new ValidationErrors();
        name = name.Trim().Normalize(NormalizationForm.FormC);
        currency = currency.Trim().ToUpperInvariant();
        if (name.Length is 0 or > BookLimits.MaxName)
        {
            errors.Add("Name", $"Enter a name of 1 to {BookLimits.MaxName} characters.");
        }
        errors.AddIfNul("Name", name, "A name");
        errors.AddIfDeceptive("Name", name, "A name");
        if (!Currencies.IsKnown(currency))
        {
            errors.Add("BaseCurrency", "Choose an ISO 4217 currency code such as USD or EUR.");
        }
        if (!Enum.IsDefined(template))
        {
            errors.Add("Template", "Choose Household, Small business or Empty.");
        }
        if (errors.Any)
        {
            return errors.ToResult<BookSummary>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var book = new Book { Name = name, BaseCurrency = currency, CreatedAt = now };
        book.Members.Add(new BookMember { UserId = actor.UserId, Role = BookRole.Owner, CreatedAt = now });
        db.Books.Add(book);
        var accounts = BookTemplates.AccountsOf(template);
        foreach (var account in accounts)
        {
            db.Accounts.Add(new Account
            {
                BookId = book.Id, Name = account.Name, Code = account.Code, Type = account.Type, Currency = currency, CreatedAt = now, Version = 1,
            });
        }
        db.Audit(now, actor.UserId, book.Id, AuditActions.BookCreated, nameof(Book), book.Id,
            new { book.Name, book.BaseCurrency, Template = template.ToString(), Accounts = accounts.Count });
        return Result<BookSummary>.Created(new BookSummary(book.Id, book.Name, book.BaseCurrency, BookRole.Owner));
    }

    public Task<Result<BookSummary>> RenameAsync(Actor actor, Guid bookId, string name, CancellationToken ct = default) =>
        UpdateAsync(actor, bookId, new UpdateBook(Name: name ?? ""), ct);

    /// <summary>Archives a book (it becomes read-only for everyone) or takes it out of the archive. Owners only.</summary>
    public Task<Result<BookSummary>> SetArchivedAsync(Actor actor, Guid bookId, bool archived, CancellationToken ct = default) =>
        UpdateAsync(actor, bookId, new UpdateBook(Archived: archived), ct);

    /// <summary>Renames and/or archives or unarchives a book, in one write; owners only, each change audited.</summary>
    public async Task<Result<BookSummary>> UpdateAsync(Actor actor, Guid bookId, UpdateBook command, CancellationToken ct = default)
    {
        var name = command.Name?.Trim().Normalize(NormalizationForm.FormC);
        if (name is { Length: 0 or > BookLimits.MaxName })
        {
            return Result<BookSummary>.Invalid("Name", $"Enter a name of 1 to {BookLimits.MaxName} characters.");
        }
        var errors = new ValidationErrors();
        errors.AddIfNul("Name", name, "A name");
        errors.AddIfDeceptive("Name", name, "A name");
        if (errors.Any)
        {
            return errors.ToResult<BookSummary>();
        }
        return await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var book = await session.Db.Books.SingleAsync(b => b.Id == bookId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (name is not null && name != book.Name)
            {
                session.Db.Audit(now, actor.UserId, bookId, AuditActions.BookRenamed, nameof(Book), bookId, new { From = book.Name, To = name });
                book.Name = name;
            }
            if (command.Archived is { } archive && archive != (book.ArchivedAt is not null))
            {
                book.ArchivedAt = archive ? now : null;
                session.Db.Audit(now, actor.UserId, bookId, archive ? AuditActions.BookArchived : AuditActions.BookUnarchived, nameof(Book), bookId,
                    new { book.Name });
            }
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<BookSummary>.Ok(new BookSummary(book.Id, book.Name, book.BaseCurrency, BookRole.Owner, null, book.ArchivedAt is not null,
                book.LockDate));
        }, ct);
    }

    /// <summary>The day (1 to 28) on which the book's financial months start, e.g. 25 for months that run from payday to payday.</summary>
    public async Task<Result<int>> SetMonthStartDayAsync(Actor actor, Guid bookId, int day, CancellationToken ct = default)
    {
        if (!FinancialCalendar.IsValidStartDay(day))
        {
            return Result<int>.Invalid("MonthStartDay", $"Choose a day from 1 to {FinancialCalendar.LatestStartDay}: every month has it.");
        }
        return await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var book = await session.Db.Books.SingleAsync(b => b.Id == bookId, ct);
            if (book.MonthStartDay != day)
            {
                var before = book.MonthStartDay;
                book.MonthStartDay = day;
                session.Db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.BookMonthStartChanged, nameof(Book), bookId,
                    new { From = before, To = day });
                await session.Db.SaveChangesAsync(ct);
                await session.CommitAsync(ct);
            }
            return Result<int>.Ok(day);
        }, ct);
    }

    /// <summary>The book's lock date: the last day of its closed period, or null while every period is open. Any member may read it.</summary>
    public Task<Result<DateOnly?>> GetLockDateAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false,
            session => Task.FromResult(Result<DateOnly?>.Ok(session.Standing.LockDate)), ct);

    /// <summary>
    /// Closes the book up to and including <paramref name="lockDate"/>, or opens every period again with null. Owners only,
    /// whichever way it moves; each change is audited with the date before and after. The change takes the book's lock, so a
    /// write to the book is checked against the lock date before it or after it, never in between.
    /// </summary>
    public async Task<Result<DateOnly?>> SetLockDateAsync(Actor actor, Guid bookId, DateOnly? lockDate, CancellationToken ct = default)
    {
        // A day or so ahead of UTC is still today somewhere; a period further ahead has not happened, and closing it would
        // refuse every post dated today.
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        if (lockDate is { } date && (date < TransactionLimits.EarliestDate || date > latest))
        {
            return Result<DateOnly?>.Invalid(LockDateField,
                $"Choose a day between {TransactionLimits.EarliestDate:yyyy-MM-dd} and today: a lock date closes a period that has passed.");
        }
        return await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var book = await session.Db.Books.SingleAsync(b => b.Id == bookId, ct);
            if (book.LockDate != lockDate)
            {
                var before = book.LockDate;
                book.LockDate = lockDate;
                session.Db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.BookLockDateChanged, nameof(Book), bookId,
                    new LockDateChange(Iso(before), Iso(lockDate), Reopened: before is { } was && (lockDate is not { } now || now < was)));
                await session.Db.SaveChangesAsync(ct);
                await session.CommitAsync(ct);
            }
            return Result<DateOnly?>.Ok(lockDate);
        }, ct);
    }

    public const string LockDateField = "LockDate";

    /// <summary>An audited lock date change; Reopened when days that were closed are open again.</summary>
    private sealed record LockDateChange(string? From, string? To, bool Reopened);

    private static string? Iso(DateOnly? date) => date is { } d ? ClosedPeriod.Describe(d) : null;
}
