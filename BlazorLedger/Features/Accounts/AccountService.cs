using System.Globalization;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Accounts;

internal sealed class AccountService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, BookChangeNotifier notifier,
    ActivityNotifier activity)
{
    public Task<Result<IReadOnlyList<AccountDto>>> ListAsync(Actor actor, Guid bookId, bool includeArchived = true,
        CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var accounts = await session.Db.Accounts.AsNoTracking()
                .Where(a => a.BookId == bookId && (includeArchived || !a.Archived))
                .Select(ToDto)
                .ToListAsync(ct);
            IReadOnlyList<AccountDto> ordered = accounts
                .OrderBy(a => a.Type).ThenBy(a => a.Code ?? "\uffff", StringComparer.Ordinal)
                .ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
            return Result<IReadOnlyList<AccountDto>>.Ok(ordered);
        }, ct);

    /// <summary>
    /// The currency of each of <paramref name="accountIds"/> that is an account of the book (the others are left out), for
    /// a viewer or better: what a request that names accounts needs to read its amounts. The role and the accounts are read
    /// in one command, so that a post does not pay for reading the whole chart of accounts.
    /// </summary>
    public Task<Result<IReadOnlyDictionary<Guid, string>>> CurrenciesAsync(Actor actor, Guid bookId, IEnumerable<Guid> accountIds,
        CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        return dbFactory.InBookAsync(BookRole.Viewer, write: false,
            (db, c) => actor.Reaches(bookId) ? ReadCurrenciesAsync(db, actor.UserId, bookId, ids, c)
                : Task.FromResult<(BookStanding?, IReadOnlyDictionary<Guid, string>)>((null, new Dictionary<Guid, string>())),
            facts => facts.Item1, (_, facts) => Task.FromResult(Result<IReadOnlyDictionary<Guid, string>>.Ok(facts.Item2)), ct);
    }

    private static async Task<(BookStanding?, IReadOnlyDictionary<Guid, string>)> ReadCurrenciesAsync(LedgerDbContext db, string userId,
        Guid bookId, List<Guid> ids, CancellationToken ct)
    {
        var parameters = new List<object> { bookId, userId };
        var sql = new System.Text.StringBuilder("""
            SELECT m."Role", b."ArchivedAt", b."LockDate" FROM "BookMembers" AS m JOIN "Books" AS b ON b."Id" = m."BookId"
            WHERE m."BookId" = {0} AND m."UserId" = {1};
            """);
        if (ids.Count > 0)
        {
            sql.Append("""

                SELECT "Id", "Currency" FROM "Accounts" WHERE "BookId" = {0} AND "Id" IN (
                """);
            sql.AppendParameterList(parameters, ids).Append(");");
        }
        await using var results = await db.Database.ExecuteReaderRawAsync(sql.ToString(), parameters, ct);
        var reader = results.DbDataReader;
        BookStanding? standing = await reader.ReadAsync(ct)
            ? new BookStanding(Enum.Parse<BookRole>(reader.GetString(0)), !reader.IsDBNull(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2))
            : null;
        var currencies = new Dictionary<Guid, string>(ids.Count);
        if (standing is not null && ids.Count > 0 && await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                currencies[reader.GetGuid(0)] = reader.GetString(1);
            }
        }
        return (standing, currencies);
    }

    public Task<Result<AccountDto>> GetAsync(Actor actor, Guid bookId, Guid accountId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var account = await session.Db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && a.Id == accountId).Select(ToDto).FirstOrDefaultAsync(ct);
            return account is null ? Result<AccountDto>.NotFound("Account not found.") : Result<AccountDto>.Ok(account);
        }, ct);

    public async Task<Result<AccountDto>> CreateAsync(Actor actor, CreateAccount command, CancellationToken ct = default)
    {
        var errors = Validate(command.Name, command.Code, command.Type, command.Currency, out var fields);
        OpeningBalances.Validate(command.OpeningBalance, command.OpeningDate, Today(), errors);
        if (errors.Any)
        {
            return errors.ToResult<AccountDto>();
        }

        try
        {
            return await CreateOnceAsync(actor, command, fields, ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation())
        {
            // The check compares names lower-cased by the database, whose lower() may fold fewer letters than .NET does
            // (SQLite's folds ASCII only), so an exact duplicate can still meet the unique index: a taken name all the same.
            return NameTaken(nameof(CreateAccount.Name), fields.Name);
        }
    }

    /// <summary>
    /// The account, and its opening balance if it has one, in one database transaction under the book's lock: both or neither.
    /// </summary>
    private Task<Result<AccountDto>> CreateOnceAsync(Actor actor, CreateAccount command, (string Name, string? Code, string Currency) fields,
        CancellationToken ct) =>
        dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            if (await NameTakenAsync(db, command.BookId, fields.Name, except: null, ct))
            {
                return NameTaken(nameof(CreateAccount.Name), fields.Name);
            }
            if (command.ParentId is { } parentId
                && await AccountTree.ParentProblemAsync(db, command.BookId, accountId: null, command.Type, parentId, ct) is { } problem)
            {
                return Result<AccountDto>.Invalid(nameof(CreateAccount.ParentId), problem);
            }
            var openingDate = command.OpeningDate ?? Today();
            if (command.OpeningBalance is { } balance && balance != 0 && session.Standing.LockDate is { } lockDate
                && ClosedPeriod.Contains(lockDate, openingDate))
            {
                return ClosedPeriod.Refuse<AccountDto>(lockDate, openingDate, nameof(CreateAccount.OpeningDate));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var account = new Account
            {
                BookId = command.BookId, Name = fields.Name, Code = fields.Code, Type = command.Type, Currency = fields.Currency,
                ParentId = command.ParentId, CreatedAt = now, Version = 1,
            };
            db.Accounts.Add(account);
            db.Audit(now, actor.UserId, command.BookId, AuditActions.AccountCreated, nameof(Account), account.Id,
                new { account.Name, account.Code, Type = account.Type.ToString(), account.Currency, account.ParentId });
            var opening = command.OpeningBalance is { } natural && natural != 0
                ? (Amount: natural, Equity: await OpeningBalances.FindOrAddAsync(db, actor, command.BookId, fields.Currency, fields.Name, now, ct))
                : default;
            await db.SaveChangesAsync(ct);
            if (opening.Equity is { } equity)
            {
                if (await OpeningBalances.PostAsync(db, actor, account, equity, opening.Amount, openingDate, now, ct) is not null)
                {
                    // Only the equity account's total can leave 64 bits; the write is spoilt and is rolled back with the account.
                    return Result<AccountDto>.Invalid(nameof(CreateAccount.OpeningBalance),
                        $"This would take the balance of \"{equity.Name}\" beyond what can be stored.");
                }
            }
            var created = await db.Accounts.AsNoTracking().Where(a => a.Id == account.Id).Select(ToDto).FirstAsync(ct);
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Accounts));
            if (opening.Equity is not null)
            {
                notifier.Publish(new BookChange(command.BookId, BookChangeKind.Transactions));
                activity.Publish();
            }
            return Result<AccountDto>.Created(created);
        }, ct);

    /// <summary>
    /// Saves an edit if nobody else changed the account since the user loaded it; otherwise returns a conflict that
    /// carries the current values, so the user can compare, reload or overwrite (by resubmitting with the new version).
    /// </summary>
    public async Task<Result<AccountDto>> UpdateAsync(Actor actor, UpdateAccount command, CancellationToken ct = default)
    {
        if (Validate(command.Name, command.Code, command.Type, command.Currency, out var fields) is { Any: true } errors)
        {
            return errors.ToResult<AccountDto>();
        }

        try
        {
            return await UpdateOnceAsync(actor, command, fields, ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation())
        {
            return NameTaken(nameof(UpdateAccount.Name), fields.Name);
        }
    }

    private Task<Result<AccountDto>> UpdateOnceAsync(Actor actor, UpdateAccount command, (string Name, string? Code, string Currency) fields,
        CancellationToken ct) =>
        dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var account = await session.Db.Accounts.FirstOrDefaultAsync(a => a.BookId == command.BookId && a.Id == command.AccountId, ct);
            if (account is null)
            {
                return Result<AccountDto>.NotFound("Account not found.");
            }
            if (account.Version != command.Version)
            {
                return Result<AccountDto>.Conflict("This account was changed by someone else after you opened it.", ToDtoFunc(account));
            }
            if (await NameTakenAsync(session.Db, command.BookId, fields.Name, except: account.Id, ct))
            {
                return NameTaken(nameof(UpdateAccount.Name), fields.Name);
            }
            if (fields.Currency != account.Currency && await session.Db.Postings.AnyAsync(p => p.AccountId == account.Id, ct))
            {
                return Result<AccountDto>.Invalid(nameof(UpdateAccount.Currency),
                    "The currency of an account with postings cannot change; create a new account instead.");
            }

            if (command.ParentId != account.ParentId && command.ParentId is { } parentId
                && await AccountTree.ParentProblemAsync(session.Db, command.BookId, account.Id, command.Type, parentId, ct) is { } parentProblem)
            {
                return Result<AccountDto>.Invalid(nameof(UpdateAccount.ParentId), parentProblem);
            }
            if (command.Type != account.Type)
            {
                if (command.ParentId == account.ParentId && command.ParentId is not null)
                {
                    return Result<AccountDto>.Invalid(nameof(UpdateAccount.Type),
                        "A sub-account has the type of its parent: choose another parent, or none, to change its type.");
                }
                if (await session.Db.Accounts.AnyAsync(a => a.ParentId == account.Id, ct))
                {
                    return Result<AccountDto>.Invalid(nameof(UpdateAccount.Type),
                        "An account with sub-accounts has their type: move them to another parent first to change it.");
                }
            }
            if (command.Archived is { } archived && archived != account.Archived
                && await ArchiveProblemAsync(session.Db, account, archived, ct) is { } archiveProblem)
            {
                return Result<AccountDto>.Conflict(archiveProblem, ToDtoFunc(account));
            }

            var before = new { account.Name, account.Code, Type = account.Type.ToString(), account.Currency, account.ParentId, account.Archived };
            account.Name = fields.Name;
            account.Code = fields.Code;
            account.Type = command.Type;
            account.Currency = fields.Currency;
            account.ParentId = command.ParentId;
            account.Archived = command.Archived ?? account.Archived;
            account.Version++;
            var now = clock.GetUtcNow().UtcDateTime;
            session.Db.Audit(now, actor.UserId, command.BookId, AuditActions.AccountUpdated, nameof(Account), account.Id,
                new { before, after = new { account.Name, account.Code, Type = account.Type.ToString(), account.Currency, account.ParentId, account.Archived } });
            try
            {
                await session.Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The book's lock makes this unreachable; should a write ever bypass it, the token still catches a lost update.
                await session.RollbackAsync();
                var current = await GetAsync(actor, command.BookId, command.AccountId, ct);
                return Result<AccountDto>.Conflict("This account was changed by someone else after you opened it.", current.Value);
            }
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Accounts));
            return Result<AccountDto>.Ok(ToDtoFunc(account));
        }, ct);

    /// <summary>Archives (hides from new postings) an account at zero balance, or brings an archived one back.</summary>
    public Task<Result<AccountDto>> SetArchivedAsync(Actor actor, Guid bookId, Guid accountId, bool archived,
        CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var account = await session.Db.Accounts.FirstOrDefaultAsync(a => a.BookId == bookId && a.Id == accountId, ct);
            if (account is null)
            {
                return Result<AccountDto>.NotFound("Account not found.");
            }
            if (account.Archived == archived)
            {
                return Result<AccountDto>.Ok(ToDtoFunc(account));
            }
            if (await ArchiveProblemAsync(session.Db, account, archived, ct) is { } problem)
            {
                return Result<AccountDto>.Conflict(problem, ToDtoFunc(account));
            }
            account.Archived = archived;
            account.Version++;
            var now = clock.GetUtcNow().UtcDateTime;
            session.Db.Audit(now, actor.UserId, bookId, archived ? AuditActions.AccountArchived : AuditActions.AccountUnarchived,
                nameof(Account), account.Id, new { account.Name });
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(bookId, BookChangeKind.Accounts));
            return Result<AccountDto>.Ok(ToDtoFunc(account));
        }, ct);

    /// <summary>
    /// Why <paramref name="account"/> cannot be archived (or restored) now: only at a zero balance, and only with no open
    /// sub-accounts, so that the chart never shows an open account under a hidden one; restored only under an open parent.
    /// </summary>
    private static async Task<string?> ArchiveProblemAsync(LedgerDbContext db, Account account, bool archived, CancellationToken ct)
    {
        if (archived)
        {
            if (account.Balance != 0)
            {
                return $"Only an account with a zero balance can be archived; this one holds {Money.FormatWithCode(account.Balance, account.Currency, CultureInfo.InvariantCulture)}. " +
                    "Move the balance to another account first.";
            }
            return await db.Accounts.Where(a => a.ParentId == account.Id && !a.Archived).Select(a => a.Name).FirstOrDefaultAsync(ct) is { } child
                ? $"Archive its sub-accounts first: \"{child}\" is open."
                : null;
        }
        return await db.Accounts.Where(a => a.Id == account.ParentId && a.Archived).Select(a => a.Name).FirstOrDefaultAsync(ct) is { } parent
            ? $"Its parent \"{parent}\" is archived: restore the parent first, or choose another parent."
            : null;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Checks an account's own fields as they will be stored: trimmed, the currency upper-case, an empty code none.</summary>
    private static ValidationErrors Validate(string? rawName, string? rawCode, AccountType type, string? rawCurrency,
        out (string Name, string? Code, string Currency) fields)
    {
        // One spelling of each accented letter (é typed as one character or as e and an accent), so look-alikes compare equal.
        fields = ((rawName ?? "").Trim().Normalize(NormalizationForm.FormC), string.IsNullOrWhiteSpace(rawCode) ? null : rawCode.Trim(), (rawCurrency ?? "").Trim().ToUpperInvariant());
        var (name, code, currency) = fields;
        var errors = new ValidationErrors();
        if (name.Length is 0 or > AccountLimits.MaxName)
        {
            errors.Add(nameof(CreateAccount.Name), $"Enter a name of 1 to {AccountLimits.MaxName} characters.");
        }
        if (code is { Length: > AccountLimits.MaxCode })
        {
            errors.Add(nameof(CreateAccount.Code), $"A code has at most {AccountLimits.MaxCode} characters.");
        }
        errors.AddIfNul(nameof(CreateAccount.Name), name, "A name");
        errors.AddIfDeceptive(nameof(CreateAccount.Name), name, "A name");
        errors.AddIfNul(nameof(CreateAccount.Code), code, "A code");
        if (!Enum.IsDefined(type))
        {
            errors.Add(nameof(CreateAccount.Type), "Choose Asset, Liability, Equity, Income or Expense.");
        }
        if (!Currencies.IsKnown(currency))
        {
            errors.Add(nameof(CreateAccount.Currency), "Choose an ISO 4217 currency code such as USD, EUR or JPY.");
        }
        return errors;
    }

    private static Result<AccountDto> NameTaken(string field, string name) =>
        Result<AccountDto>.Invalid(field, $"An account named \"{name}\" already exists in this book.");

    /// <summary>
    /// Whether another account of the book has a name that reads the same: ignoring case, and with compatibility forms folded
    /// (full-width "Ｆｏｏｄ" is "Food"). Compared here rather than in SQL, where neither provider folds them alike; a book's
    /// chart is small.
    /// </summary>
    private static async Task<bool> NameTakenAsync(LedgerDbContext db, Guid bookId, string name, Guid? except, CancellationToken ct)
    {
        var key = LookAlikeKey(name);
        var names = await db.Accounts.Where(a => a.BookId == bookId && a.Id != except).Select(a => a.Name).ToListAsync(ct);
        return names.Any(n => LookAlikeKey(n) == key);
    }

    private static string LookAlikeKey(string name) => name.Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    private static readonly System.Linq.Expressions.Expression<Func<Account, AccountDto>> ToDto = a =>
        new AccountDto(a.Id, a.BookId, a.Name, a.Code, a.Type, a.Currency, a.Archived, a.Balance, a.Version, a.CreatedAt, a.ParentId);

    private static readonly Func<Account, AccountDto> ToDtoFunc = ToDto.Compile();
}
