using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Reconciliations;

/// <summary>
/// Reconciles an account with a bank statement: the postings on the statement are marked reconciled, together with a
/// record of the statement, in one database transaction under the book's lock, so two people finishing at once cannot both
/// reconcile the same postings. Amounts are never changed; a difference the reconciler accepts is posted as an ordinary
/// balanced adjustment through the posting service.
/// </summary>
internal sealed class ReconciliationService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, BookChangeNotifier notifier,
    PostingService postings)
{
    /// <summary>The most postings one reconciliation lists and marks.</summary>
    public const int MaxPostings = 5_000;

    public const string AdjustmentDescription = "Reconciliation adjustment";

    public Task<Result<ReconcileStart>> StartAsync(Actor actor, Guid bookId, Guid accountId, DateOnly statementDate, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            var account = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && a.Id == accountId)
                .Select(a => new { a.Id, a.Name, a.Type, a.Currency }).FirstOrDefaultAsync(ct);
            if (account is null)
            {
                return Result<ReconcileStart>.NotFound("Account not found.");
            }
            // As of the statement's date: postings reconciled on later statements are not on this one.
            var reconciled = await db.Postings.Where(p => p.AccountId == accountId && p.State == PostingState.Reconciled && p.Date <= statementDate)
                .SumAsync(p => p.Amount, ct);
            var last = await db.Reconciliations.Where(r => r.AccountId == accountId).OrderByDescending(r => r.StatementDate)
                .Select(r => (DateOnly?)r.StatementDate).FirstOrDefaultAsync(ct);
            var open = await db.Postings.AsNoTracking()
                .Where(p => p.AccountId == accountId && p.State != PostingState.Reconciled && p.Date <= statementDate)
                .OrderBy(p => p.Date).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.TransactionId, p.Date, p.Transaction!.Description, p.Transaction.Payee, p.Memo, p.Amount, p.State })
                .Take(MaxPostings + 1)
                .ToListAsync(ct);
            var more = open.Count > MaxPostings;
            var candidates = open.Take(MaxPostings).Select(p => new ReconcileCandidate(p.Id, p.TransactionId, p.Date, p.Description, p.Payee, p.Memo,
                AccountPresentation.NaturalBalance(account.Type, p.Amount), p.State)).ToList();
            return Result<ReconcileStart>.Ok(new ReconcileStart(account.Id, account.Name, account.Type, account.Currency,
                AccountPresentation.NaturalBalance(account.Type, reconciled), last, candidates, more));
        }, ct);

    /// <summary>The account's finished reconciliations, the latest statement first.</summary>
    public Task<Result<IReadOnlyList<ReconciliationDto>>> ListAsync(Actor actor, Guid bookId, Guid accountId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            var currency = await db.Accounts.Where(a => a.BookId == bookId && a.Id == accountId).Select(a => a.Currency).FirstOrDefaultAsync(ct);
            if (currency is null)
            {
                return Result<IReadOnlyList<ReconciliationDto>>.NotFound("Account not found.");
            }
            IReadOnlyList<ReconciliationDto> list = await db.Reconciliations.AsNoTracking()
                .Where(r => r.BookId == bookId && r.AccountId == accountId)
                .OrderByDescending(r => r.StatementDate).ThenByDescending(r => r.ReconciledAt)
                .Select(r => new ReconciliationDto(r.Id, r.AccountId, r.StatementDate, r.StatementBalance, currency, r.PostingCount,
                    r.AdjustmentTransactionId, r.ReconciledById,
                    db.Users.Where(u => u.Id == r.ReconciledById).Select(u => u.DisplayName).FirstOrDefault() ?? "", r.ReconciledAt))
                .ToListAsync(ct);
            return Result<IReadOnlyList<ReconciliationDto>>.Ok(list);
        }, ct);

    /// <summary>
    /// Marks a posting cleared or uncleared by hand, for owners and editors. A reconciled posting is part of a finished
    /// reconciliation and cannot be changed this way (a conflict). The state is read and changed under the book's lock, and
    /// the request names the state wanted rather than a toggle, so two people at once end in the state of whoever came last,
    /// each change audited once; asking for the state a posting already has changes and audits nothing. A posting dated in
    /// the book's closed period may be cleared too: its state is not part of what the lock date keeps (amounts, dates,
    /// accounts), just as a reconciliation may mark postings in it.
    /// </summary>
    public Task<Result<PostingStateDto>> SetStateAsync(Actor actor, SetPostingState command, CancellationToken ct = default)
    {
        if (command.State is not (PostingState.Cleared or PostingState.Uncleared))
        {
            return Task.FromResult(Result<PostingStateDto>.Invalid(nameof(SetPostingState.State),
                "A posting is marked cleared or uncleared by hand; it becomes reconciled by finishing a reconciliation."));
        }
        return dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var posting = await db.Postings.AsNoTracking()
                .Where(p => p.Id == command.PostingId && p.Account!.BookId == command.BookId
                    && (command.AccountId == null || p.AccountId == command.AccountId))
                .Select(p => new { p.Id, p.AccountId, p.TransactionId, p.State })
                .FirstOrDefaultAsync(ct);
            if (posting is null)
            {
                return Result<PostingStateDto>.NotFound("Posting not found.");
            }
            if (posting.State == PostingState.Reconciled)
            {
                return Result<PostingStateDto>.Conflict(
                    "This posting is reconciled with a bank statement; its state can no longer be changed by hand.");
            }
            if (posting.State == command.State)
            {
                return Result<PostingStateDto>.Ok(new PostingStateDto(posting.Id, posting.AccountId, posting.TransactionId, posting.State, Changed: false));
            }
            var updated = await db.Postings.Where(p => p.Id == posting.Id && p.State == posting.State)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, command.State), ct);
            if (updated != 1)
            {
                // Unreachable under the book's lock; should a writer ever bypass it, nothing is committed.
                return Result<PostingStateDto>.Conflict("This posting was changed by someone else meanwhile; reload and try again.");
            }
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, command.BookId, AuditActions.PostingStateChanged, nameof(Posting), posting.Id,
                new { posting.AccountId, posting.TransactionId, From = posting.State.ToString(), To = command.State.ToString() });
            await db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Transactions));
            return Result<PostingStateDto>.Ok(new PostingStateDto(posting.Id, posting.AccountId, posting.TransactionId, command.State, Changed: true));
        }, ct);
    }

    /// <summary>
    /// Marks the statement's postings reconciled and records the reconciliation, only if the account's reconciled balance
    /// then equals the statement's, or with an adjustment posting for the difference to the chosen account. Every posting is
    /// checked inside the write transaction: one already reconciled (by someone finishing first) is a conflict, and nothing is written.
    /// </summary>
    public async Task<Result<ReconciliationDto>> FinishAsync(Actor actor, FinishReconciliation command, CancellationToken ct = default)
    {
        var ids = (command.PostingIds ?? []).Distinct().ToList();
        var errors = new ValidationErrors();
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(1);
        if (command.StatementDate < TransactionLimits.EarliestDate || command.StatementDate > latest)
        {
            errors.Add(nameof(FinishReconciliation.StatementDate),
                $"Choose a date between {TransactionLimits.EarliestDate:yyyy-MM-dd} and {latest:yyyy-MM-dd}.");
        }
        if (command.StatementBalance is > Money.MaxPostingMinor * 1000 or < -Money.MaxPostingMinor * 1000)
        {
            errors.Add(nameof(FinishReconciliation.StatementBalance), "The statement balance is too large.");
        }
        if (ids.Count > MaxPostings)
        {
            errors.Add(nameof(FinishReconciliation.PostingIds), $"A reconciliation marks at most {MaxPostings} postings.");
        }
        if (command.AdjustmentAccountId == command.AccountId)
        {
            errors.Add(nameof(FinishReconciliation.AdjustmentAccountId), "Choose another account to take the difference.");
        }
        if (errors.Any)
        {
            return errors.ToResult<ReconciliationDto>();
        }

        return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true,
            session => FinishInSessionAsync(session, actor, command, ids, ct), ct);
    }

    private async Task<Result<ReconciliationDto>> FinishInSessionAsync(BookSession session, Actor actor, FinishReconciliation command,
        List<long> ids, CancellationToken ct)
    {
        var db = session.Db;
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.BookId == command.BookId && a.Id == command.AccountId, ct);
        if (account is null)
        {
            return Result<ReconciliationDto>.NotFound("Account not found.");
        }
        // Read here, after the book's lock: what another finisher marked is seen, and nobody marks anything until this commits.
        var marked = await db.Postings.AsNoTracking().Where(p => p.AccountId == account.Id && ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Date, p.Amount, p.State }).ToListAsync(ct);
        if (marked.Count != ids.Count)
        {
            return Result<ReconciliationDto>.Invalid(nameof(FinishReconciliation.PostingIds),
                "Some of these postings are not in this account; reload the account and start again.");
        }
        if (marked.FirstOrDefault(p => p.Date > command.StatementDate) is { } late)
        {
            return Result<ReconciliationDto>.Invalid(nameof(FinishReconciliation.PostingIds),
                $"A posting dated {late.Date.ToString(IsoDate.Format, CultureInfo.InvariantCulture)} is after the statement date.");
        }
        if (marked.Any(p => p.State == PostingState.Reconciled))
        {
            return Result<ReconciliationDto>.Conflict(
                "Some of these postings are already reconciled (on an earlier statement, or by someone who finished first); nothing was changed. Reload the account and start again.");
        }

        // What was reconciled up to the statement's date: a statement earlier than one already reconciled is checked against
        // its own date, not against postings that only a later statement shows.
        var reconciledSoFar = await db.Postings
            .Where(p => p.AccountId == account.Id && p.State == PostingState.Reconciled && p.Date <= command.StatementDate)
            .SumAsync(p => p.Amount, ct);
        var cleared = AccountPresentation.NaturalBalance(account.Type, reconciledSoFar + marked.Sum(p => p.Amount));
        var difference = (Int128)command.StatementBalance - cleared;
        var now = clock.GetUtcNow().UtcDateTime;
        var reconciliation = new Reconciliation
        {
            BookId = command.BookId, AccountId = account.Id, StatementDate = command.StatementDate, StatementBalance = command.StatementBalance,
            ReconciledById = actor.UserId, ReconciledAt = now,
        };

        if (difference != 0)
        {
            if (command.AdjustmentAccountId is not { } otherId)
            {
                return Result<ReconciliationDto>.Invalid(nameof(FinishReconciliation.StatementBalance),
                    $"The reconciled balance differs from the statement by {Money.FormatWithCode((long)Int128.Clamp(difference, long.MinValue, long.MaxValue), account.Currency, CultureInfo.InvariantCulture)}: "
                    + "tick the postings on the statement, or choose an account for an adjustment.");
            }
            if (difference > Money.MaxPostingMinor || difference < -Money.MaxPostingMinor)
            {
                return Result<ReconciliationDto>.Invalid(nameof(FinishReconciliation.StatementBalance), "The difference is too large for an adjustment.");
            }
            var other = await db.Accounts.AsNoTracking().Where(a => a.BookId == command.BookId && a.Id == otherId)
                .Select(a => new { a.Currency, a.Archived, a.Name }).FirstOrDefaultAsync(ct);
            if (other is null || other.Currency != account.Currency || other.Archived)
            {
                return Result<ReconciliationDto>.Invalid(nameof(FinishReconciliation.AdjustmentAccountId),
                    $"Choose an open account of this book in {account.Currency} to take the difference.");
            }
            var stored = AccountPresentation.NaturalBalance(account.Type, (long)difference);
            var (posted, written) = await postings.PostInSessionAsync(session, actor, new PostTransaction(command.BookId, command.StatementDate,
                AdjustmentDescription, null, [new PostingLine(account.Id, stored), new PostingLine(otherId, -stored)]), ct);
            if (written is null)
            {
                return posted.As<ReconciliationDto>();
            }
            reconciliation.AdjustmentTransactionId = written.Id;
            // The adjustment's own posting on this account is on the statement by definition.
            ids.AddRange(await db.Postings.Where(p => p.TransactionId == written.Id && p.AccountId == account.Id).Select(p => p.Id).ToListAsync(ct));
        }

        reconciliation.PostingCount = ids.Count;
        db.Reconciliations.Add(reconciliation);
        db.Audit(now, actor.UserId, command.BookId, AuditActions.AccountReconciled, nameof(Reconciliation), reconciliation.Id,
            new
            {
                AccountId = account.Id,
                StatementDate = command.StatementDate.ToString(IsoDate.Format, CultureInfo.InvariantCulture),
                command.StatementBalance,
                Postings = ids.Count,
                reconciliation.AdjustmentTransactionId,
            });
        await db.SaveChangesAsync(ct);
        var updated = 0;
        foreach (var chunk in ids.Chunk(1_000))
        {
            updated += await db.Postings.Where(p => p.AccountId == account.Id && chunk.Contains(p.Id) && p.State != PostingState.Reconciled)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PostingState.Reconciled).SetProperty(p => p.ReconciliationId, reconciliation.Id), ct);
        }
        if (updated != ids.Count)
        {
            // Unreachable under the book's lock; should a writer ever bypass it, nothing is committed.
            return Result<ReconciliationDto>.Conflict("Some of these postings were reconciled by someone else meanwhile; nothing was changed.");
        }
        var name = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        await session.CommitAsync(ct);
        if (reconciliation.AdjustmentTransactionId is not null)
        {
            postings.Published(command.BookId);
        }
        else
        {
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Transactions));
        }
        return Result<ReconciliationDto>.Created(new ReconciliationDto(reconciliation.Id, account.Id, reconciliation.StatementDate,
            reconciliation.StatementBalance, account.Currency, reconciliation.PostingCount, reconciliation.AdjustmentTransactionId,
            actor.UserId, name, now));
    }
}
