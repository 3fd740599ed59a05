using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Posts and voids transactions. Each call validates first and writes nothing on failure; a successful call inserts the
/// transaction, its postings and an audit event and increments the account balances in one database transaction.
/// </summary>
internal sealed partial class PostingService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, BookChangeNotifier notifier,
    ActivityNotifier activity, PostingQueue queue, SqlitePostingWriter sqliteWriter)
{
    private const string ChangedByOther = "This idempotency key was already used for a different transaction.";

    /// <summary>
    /// Posts one transaction, answered once it is durable. Posts that arrive while another is being written are written
    /// together with the others that wait, in one database transaction (group commit), each checked and answered as if alone.
    /// </summary>
    public async Task<Result<TransactionDto>> PostAsync(Actor actor, PostTransaction command, CancellationToken ct = default)
    {
        var normalized = Normalize(command);
        var errors = ValidateShape(normalized, Today());
        if (errors.Any)
        {
            return errors.ToResult<TransactionDto>();
        }
        var requestHash = normalized.IdempotencyKey is null ? null : HashOf(normalized);
        ct.ThrowIfCancellationRequested();
        return queue.Enabled
            ? await PostInGroupAsync(new QueuedPost(actor, normalized, requestHash, ct))
            : await PostAloneAsync(actor, normalized, requestHash, ct);
    }

    /// <summary>Posts in a database transaction of its own.</summary>
    private async Task<Result<TransactionDto>> PostAloneAsync(Actor actor, PostTransaction command, string? requestHash, CancellationToken ct)
    {
        try
        {
            return await PostOnceAsync(actor, command, requestHash, ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation() && command.IdempotencyKey is not null)
        {
            // A concurrent submit with the same key won the race (servers that do not serialize writers): answer as a retry.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await ReplayAsync(db, command.BookId, actor.UserId, command.IdempotencyKey, requestHash!, ct)
                ?? throw new InvalidOperationException("The idempotency key was taken but its transaction is missing.", ex);
        }
    }

    private Task<Result<TransactionDto>> PostOnceAsync(Actor actor, PostTransaction command, string? requestHash, CancellationToken ct) =>
        queue.Provider == DatabaseProvider.Sqlite
            ? DbRetry.RunAsync(c => sqliteWriter.RunAsync(async session =>
            {
                var context = await ReadForPostAsync(session, actor, command, c);
                return BookAccess.Deny<TransactionDto>(context.Standing, BookRole.Editor, write: true)
                    ?? await WriteAndCommitAsync(session, actor, command, requestHash, context, c);
            }, c), ct)
            // The role is read with everything else posting checks (and the number taken), in the hot path's one round trip.
            : dbFactory.InBookAsync(BookRole.Editor, write: true,
                (db, c) => PostingStore.ReadAsync(db, actor.UserId, command.BookId, command.IdempotencyKey,
                    command.Postings.Select(p => p.AccountId), c),
                context => context.Standing,
                (session, context) => WriteAndCommitAsync(new EfPostingSession(session.Db, session.CommitAsync), actor, command, requestHash, context, ct),
                ct);

    private static Task<PostingContext> ReadForPostAsync(IPostingSession session, Actor actor, PostTransaction command, CancellationToken ct) =>
        session.ReadAsync(actor.UserId, command.BookId, command.IdempotencyKey, command.Postings.Select(p => p.AccountId), ct);

    private async Task<Result<TransactionDto>> WriteAndCommitAsync(IPostingSession session, Actor actor, PostTransaction command, string? requestHash,
        PostingContext context, CancellationToken ct)
    {
        var (result, written, _) = await DecideAndWriteAsync(session, actor, command, requestHash, context, ct);
        if (written is not null)
        {
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Transactions));
            activity.Publish();
        }
        return result;
    }

    /// <summary>
    /// Inside the write transaction, with what <see cref="PostingStore.ReadAsync"/> read: answers a retry, refuses a date in the
    /// book's closed period and what the accounts do not allow, or writes the transaction. Written is the new transaction, to commit, or null when nothing was
    /// written; Spoilt when the write was refused part way (a balance would overflow): the transaction must be rolled back.
    /// </summary>
    private async Task<(Result<TransactionDto> Result, Transaction? Written, bool Spoilt)> DecideAndWriteAsync(IPostingSession session, Actor actor,
        PostTransaction command, string? requestHash, PostingContext context, CancellationToken ct)
    {
        if (context.Existing is { } existing)
        {
            return (existing.RequestHash == requestHash
                ? Result<TransactionDto>.Ok((await session.LoadAsync(command.BookId, existing.Id, ct))!)
                : Result<TransactionDto>.Conflict(ChangedByOther), null, false);
        }
        if (context.Standing?.LockDate is { } lockDate && ClosedPeriod.Contains(lockDate, command.Date))
        {
            return (ClosedPeriod.Refuse<TransactionDto>(lockDate, command.Date, TransactionFields.Date), null, false);
        }
        var errors = ValidateAgainstAccounts(command.Postings, context.Accounts);
        if (errors.Any)
        {
            return (errors.ToResult<TransactionDto>(), null, false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var transaction = NewTransaction(actor, command, requestHash, now, reversesId: null);
        transaction.Number = NumberOf(context);
        var audit = AuditExtensions.Create(now, actor.UserId, command.BookId, AuditActions.TransactionPosted, nameof(Transaction),
            transaction.Id, new PostedDetails(command.Date.ToString("O", CultureInfo.InvariantCulture), command.Postings.Count, command.IdempotencyKey));
        if (!await session.WriteAsync(transaction, audit, id => context.Accounts[id].Currency, ct))
        {
            return (Overflow(command.Postings, context.Accounts), null, true);
        }
        return (Result<TransactionDto>.Created(ToDto(transaction, context.ActorName, context.Accounts)), transaction, false);
    }

    private sealed record PostedDetails(string Date, int Postings, string? IdempotencyKey);

    /// <summary>
    /// A void's audit details: its reversal, and for a void whose original is in the closed period, where the reversal went
    /// instead and why (left out otherwise, so ordinary voids are recorded as they always were).
    /// </summary>
    private sealed record VoidedDetails(Guid ReversalId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReversalDate = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LockDate = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? OverrodeReconciled = null)
    {
        public static VoidedDetails Of(Guid reversalId, DateOnly originalDate, DateOnly reversalDate, DateOnly? lockDate) =>
            reversalDate == originalDate || lockDate is null
                ? new(reversalId)
                : new(reversalId, reversalDate.ToString("O", CultureInfo.InvariantCulture), ClosedPeriod.Describe(lockDate.Value));
    }

    /// <summary>Why a void of a reconciled transaction is refused, for people and for the page that offers the override.</summary>
    public const string ReconciledVoidRefused =
        "This transaction has postings reconciled with a bank statement; voiding it changes a reconciled balance. An owner can void it anyway.";

    /// <summary>
    /// Voids a transaction by posting its exact reversal, dated like the original and linked to it; when the original is in
    /// the book's closed period, the reversal is dated on the first open day instead, so the closed period is left as it
    /// was. Nothing is updated or deleted; a transaction can be voided once, and a reversal cannot itself be voided.
    /// </summary>
    public Task<Result<TransactionDto>> VoidAsync(Actor actor, Guid bookId, Guid transactionId, CancellationToken ct = default) =>
        VoidAsync(actor, bookId, transactionId, overrideReconciled: false, ct);

    /// <summary>
    /// As above; a transaction with a reconciled posting is voided only with <paramref name="overrideReconciled"/>, by an
    /// owner, and the override is recorded in the void's audit event.
    /// </summary>
    public async Task<Result<TransactionDto>> VoidAsync(Actor actor, Guid bookId, Guid transactionId, bool overrideReconciled,
        CancellationToken ct = default)
    {
        try
        {
            return await VoidOnceAsync(actor, bookId, transactionId, overrideReconciled, ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation())
        {
            return Result<TransactionDto>.Conflict("This transaction has already been voided.");
        }
    }

    private Task<Result<TransactionDto>> VoidOnceAsync(Actor actor, Guid bookId, Guid transactionId, bool overrideReconciled, CancellationToken ct) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var original = await session.Db.Transactions.AsNoTracking().Include(t => t.Postings)
                .FirstOrDefaultAsync(t => t.BookId == bookId && t.Id == transactionId, ct);
            if (original is null)
            {
                return Result<TransactionDto>.NotFound("Transaction not found.");
            }
            if (original.ReversesId is not null)
            {
                return Result<TransactionDto>.Conflict("This transaction is the reversal of a void and cannot itself be voided.");
            }
            if (await session.Db.Transactions.AnyAsync(t => t.ReversesId == original.Id, ct))
            {
                return Result<TransactionDto>.Conflict("This transaction has already been voided.");
            }
            var reconciled = original.Postings.Count(p => p.State == PostingState.Reconciled);
            if (reconciled > 0)
            {
                if (!overrideReconciled)
                {
                    return Result<TransactionDto>.Conflict(ReconciledVoidRefused);
                }
                if (session.Standing.Role != BookRole.Owner)
                {
                    return Result<TransactionDto>.Forbidden("Only an owner can void a transaction that is reconciled with a bank statement.");
                }
            }

            var lines = original.Postings.OrderBy(p => p.Id).Select(p => new PostingLine(p.AccountId, -p.Amount, p.Memo)).ToList();
            var context = await PostingStore.ReadAsync(session.Db, actor.UserId, bookId, null, lines.Select(l => l.AccountId), ct);
            var accounts = context.Accounts;
            if (accounts.Values.FirstOrDefault(a => a.Archived) is { } archived)
            {
                return Result<TransactionDto>.Conflict($"The account \"{archived.Name}\" is archived; restore it before voiding this transaction.");
            }

            var description = $"Void: {original.Description}";
            var reversal = new PostTransaction(bookId, ClosedPeriod.ReversalDate(session.Standing.LockDate, original.Date),
                description.Length > TransactionLimits.MaxDescription ? description[..TransactionLimits.MaxDescription] : description,
                original.Payee, lines);
            var now = clock.GetUtcNow().UtcDateTime;
            var transaction = NewTransaction(actor, reversal, requestHash: null, now, reversesId: original.Id);
            transaction.Number = NumberOf(context);
            var audit = AuditExtensions.Create(now, actor.UserId, bookId, AuditActions.TransactionVoided, nameof(Transaction), original.Id,
                VoidedDetails.Of(transaction.Id, original.Date, reversal.Date, session.Standing.LockDate) with
                {
                    OverrodeReconciled = reconciled > 0 ? reconciled : null,
                });
            if (!await PostingStore.WriteAsync(session.Db, transaction, audit, id => accounts[id].Currency, ct))
            {
                return Overflow(lines, accounts);
            }
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(bookId, BookChangeKind.Transactions));
            activity.Publish();
            return Result<TransactionDto>.Created(ToDto(transaction, context.ActorName, accounts));
        }, ct);

    public Task<Result<TransactionDto>> GetAsync(Actor actor, Guid bookId, Guid transactionId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var dto = await LoadDtoAsync(session.Db, bookId, transactionId, ct);
            return dto is null ? Result<TransactionDto>.NotFound("Transaction not found.") : Result<TransactionDto>.Ok(dto);
        }, ct);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal static PostTransaction Normalize(PostTransaction command) => command with
    {
        Description = (command.Description ?? "").Trim(),
        Payee = string.IsNullOrWhiteSpace(command.Payee) ? null : command.Payee.Trim(),
        IdempotencyKey = string.IsNullOrWhiteSpace(command.IdempotencyKey) ? null : command.IdempotencyKey.Trim(),
        Postings = (command.Postings ?? [])
            .Select(p => p with { Memo = string.IsNullOrWhiteSpace(p.Memo) ? null : p.Memo.Trim() })
            .ToList(),
        Tags = TransactionTags.Normalize(command.Tags),
    };

    /// <summary>Everything that can be checked without the database.</summary>
    internal static ValidationErrors ValidateShape(PostTransaction command, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (command.Description.Length is 0 or > TransactionLimits.MaxDescription)
        {
            errors.Add(TransactionFields.Description, $"Enter a description of 1 to {TransactionLimits.MaxDescription} characters.");
        }
        if (command.Payee is { Length: > TransactionLimits.MaxPayee })
        {
            errors.Add(TransactionFields.Payee, $"A payee has at most {TransactionLimits.MaxPayee} characters.");
        }
        errors.AddIfNul(TransactionFields.Description, command.Description, "A description");
        errors.AddIfNul(TransactionFields.Payee, command.Payee, "A payee");
        var latest = today.AddYears(1);
        if (command.Date < TransactionLimits.EarliestDate || command.Date > latest)
        {
            errors.Add(TransactionFields.Date, $"Choose a date between {TransactionLimits.EarliestDate:yyyy-MM-dd} and {latest:yyyy-MM-dd}.");
        }
        if (command.IdempotencyKey is { Length: > TransactionLimits.MaxIdempotencyKey })
        {
            errors.Add(TransactionFields.IdempotencyKey, $"An idempotency key has at most {TransactionLimits.MaxIdempotencyKey} characters.");
        }
        TransactionTags.Validate(command.Tags ?? [], errors);
        if (command.Postings.Count < 2)
        {
            errors.Add(TransactionFields.Postings, "A transaction needs at least two postings.");
        }
        else if (command.Postings.Count > TransactionLimits.MaxPostings)
        {
            errors.Add(TransactionFields.Postings, $"A transaction has at most {TransactionLimits.MaxPostings} postings.");
        }
        for (var i = 0; i < command.Postings.Count; i++)
        {
            var line = command.Postings[i];
            if (line.AccountId == Guid.Empty)
            {
                errors.Add(TransactionFields.Line(i, nameof(PostingLine.AccountId)), "Choose an account.");
            }
            if (line.Amount == 0)
            {
                errors.Add(TransactionFields.Line(i, nameof(PostingLine.Amount)), "An amount cannot be zero.");
            }
            else if (line.Amount is > Money.MaxPostingMinor or < -Money.MaxPostingMinor)
            {
                errors.Add(TransactionFields.Line(i, nameof(PostingLine.Amount)), "The amount is too large.");
            }
            if (line.Memo is { Length: > TransactionLimits.MaxMemo })
            {
                errors.Add(TransactionFields.Line(i, nameof(PostingLine.Memo)), $"A memo has at most {TransactionLimits.MaxMemo} characters.");
            }
            errors.AddIfNul(TransactionFields.Line(i, nameof(PostingLine.Memo)), line.Memo, "A memo");
        }
        return errors;
    }

    /// <summary>Every account is in the book and open, and the postings sum to zero in each currency.</summary>
    internal static ValidationErrors ValidateAgainstAccounts(IReadOnlyList<PostingLine> lines, IReadOnlyDictionary<Guid, AccountForPosting> accounts)
    {
        var errors = new ValidationErrors();
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!accounts.TryGetValue(lines[i].AccountId, out var account))
            {
                errors.Add(TransactionFields.Line(i, nameof(PostingLine.AccountId)), "This account does not exist in this book.");
                continue;
            }
            if (account.Archived)
            {
                errors.Add(TransactionFields.Line(i, nameof(PostingLine.AccountId)), $"The account \"{account.Name}\" is archived.");
            }
            // At most 100 lines of at most 10^15 each: the sum cannot overflow.
            sums[account.Currency] = sums.GetValueOrDefault(account.Currency) + lines[i].Amount;
        }
        if (!errors.Any)
        {
            foreach (var (currency, sum) in sums.Where(s => s.Value != 0))
            {
                errors.Add(TransactionFields.Postings,
                    $"The postings in {currency} do not balance: they are off by {Money.FormatWithCode(sum, currency, CultureInfo.InvariantCulture)}.");
            }
        }
        return errors;
    }

    private static long NumberOf(PostingContext context) =>
        context.Number ?? throw new InvalidOperationException("A member's post found no book row to take its number from.");

    private static Result<TransactionDto> Overflow(IReadOnlyList<PostingLine> lines, IReadOnlyDictionary<Guid, AccountForPosting> accounts)
    {
        // Which account overflowed is not reported by the batch; name the largest change, the likely culprit.
        var index = Enumerable.Range(0, lines.Count).MaxBy(i => Math.Abs(lines[i].Amount));
        return Result<TransactionDto>.Invalid(TransactionFields.Line(index, nameof(PostingLine.Amount)),
            $"This would take the balance of \"{accounts[lines[index].AccountId].Name}\" beyond what can be stored.");
    }

    private static Transaction NewTransaction(Actor actor, PostTransaction command, string? requestHash, DateTime now, Guid? reversesId)
    {
        var transaction = new Transaction
        {
            BookId = command.BookId,
            Date = command.Date,
            Description = command.Description,
            Payee = command.Payee,
            IdempotencyKey = command.IdempotencyKey,
            RequestHash = requestHash,
            CreatedById = actor.UserId,
            CreatedAt = now,
            ReversesId = reversesId,
        };
        foreach (var line in command.Postings)
        {
            transaction.Postings.Add(new Posting
            {
                TransactionId = transaction.Id, AccountId = line.AccountId, Date = command.Date, Amount = line.Amount, Memo = line.Memo,
            });
        }
        foreach (var tag in command.Tags ?? [])
        {
            transaction.Tags.Add(new TransactionTag { TransactionId = transaction.Id, Tag = tag, BookId = command.BookId });
        }
        return transaction;
    }

    private static async Task<Result<TransactionDto>?> ReplayAsync(LedgerDbContext db, Guid bookId, string userId, string key,
        string requestHash, CancellationToken ct)
    {
        var existing = await db.Transactions.AsNoTracking()
            .Where(t => t.BookId == bookId && t.CreatedById == userId && t.IdempotencyKey == key)
            .Select(t => new { t.Id, t.RequestHash })
            .FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            return null;
        }
        if (existing.RequestHash != requestHash)
        {
            return Result<TransactionDto>.Conflict(ChangedByOther);
        }
        return Result<TransactionDto>.Ok((await LoadDtoAsync(db, bookId, existing.Id, ct))!);
    }

    internal static async Task<TransactionDto?> LoadDtoAsync(LedgerDbContext db, Guid bookId, Guid transactionId, CancellationToken ct) =>
        (await LoadDtosAsync(db, bookId, [transactionId], ct)).GetValueOrDefault(transactionId);

    /// <summary>Transactions of the book with their postings and tags, in three queries however many (a batch's replays).</summary>
    private static async Task<Dictionary<Guid, TransactionDto>> LoadDtosAsync(LedgerDbContext db, Guid bookId, IReadOnlyCollection<Guid> ids,
        CancellationToken ct)
    {
        var found = new Dictionary<Guid, TransactionDto>();
        foreach (var chunk in ids.Distinct().Chunk(1_000))
        {
            var rows = await db.Transactions.AsNoTracking()
                .Where(t => t.BookId == bookId && chunk.Contains(t.Id))
                .Select(t => new
                {
                    t.Id, t.BookId, t.Number, t.Date, t.Description, t.Payee, t.CreatedById, t.CreatedAt, t.ReversesId, t.Version,
                    CreatedByName = db.Users.Where(u => u.Id == t.CreatedById).Select(u => u.DisplayName).FirstOrDefault(),
                    ReversedById = db.Transactions.Where(r => r.ReversesId == t.Id).Select(r => (Guid?)r.Id).FirstOrDefault(),
                    Corrects = db.Transactions.Where(o => o.Id == t.CorrectsId).Select(o => new TransactionRef(o.Id, o.Number)).FirstOrDefault(),
                    CorrectedBy = db.Transactions.Where(r => r.CorrectsId == t.Id).Select(r => new TransactionRef(r.Id, r.Number)).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var postings = (await db.Postings.AsNoTracking()
                    .Where(p => chunk.Contains(p.TransactionId))
                    .OrderBy(p => p.Id)
                    .Select(p => new { p.TransactionId, Dto = new PostingDto(p.AccountId, p.Account!.Name, p.Account.Currency, p.Amount, p.Memo) })
                    .ToListAsync(ct))
                .ToLookup(p => p.TransactionId, p => p.Dto);
            var tags = (await db.TransactionTags.AsNoTracking()
                    .Where(g => chunk.Contains(g.TransactionId))
                    .Select(g => new { g.TransactionId, g.Tag })
                    .ToListAsync(ct))
                .ToLookup(g => g.TransactionId, g => g.Tag);
            foreach (var row in rows)
            {
                found[row.Id] = new TransactionDto(row.Id, row.BookId, row.Number, row.Date, row.Description, row.Payee, row.CreatedById,
                    row.CreatedByName ?? "", row.CreatedAt, row.ReversesId, row.ReversedById, postings[row.Id].ToList(),
                    tags[row.Id].Order(StringComparer.Ordinal).ToList(), row.Version, row.Corrects, row.CorrectedBy);
            }
        }
        return found;
    }

    private static TransactionDto ToDto(Transaction t, string createdByName, IReadOnlyDictionary<Guid, AccountForPosting> accounts) =>
        new(t.Id, t.BookId, t.Number, t.Date, t.Description, t.Payee, t.CreatedById, createdByName, t.CreatedAt, t.ReversesId, null,
            t.Postings.Select(p => new PostingDto(p.AccountId, accounts[p.AccountId].Name, accounts[p.AccountId].Currency, p.Amount, p.Memo))
                .ToList(), t.Tags.Select(g => g.Tag).Order(StringComparer.Ordinal).ToList(), t.Version);

    /// <summary>
    /// A stable fingerprint of what was submitted, to tell a retry from a different request with the same key. Tags and the
    /// corrected transaction count only when there are any, so that posts made before they existed keep their fingerprints.
    /// </summary>
    private static string HashOf(PostTransaction command, Guid? corrects = null)
    {
        var canonical = command.Tags is { Count: > 0 } || corrects is not null
            ? JsonSerializer.Serialize(new
            {
                Date = command.Date.ToString("O", CultureInfo.InvariantCulture),
                command.Description,
                command.Payee,
                Postings = command.Postings.Select(p => new { p.AccountId, p.Amount, p.Memo }),
                command.Tags,
                Corrects = corrects,
            })
            : JsonSerializer.Serialize(new
            {
                Date = command.Date.ToString("O", CultureInfo.InvariantCulture),
                command.Description,
                command.Payee,
                Postings = command.Postings.Select(p => new { p.AccountId, p.Amount, p.Memo }),
            });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
