using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>Corrections: a void and its replacement, posted together.</summary>
internal sealed partial class PostingService
{
    /// <summary>
    /// Corrects a transaction: voids it (its exact reversal, as <see cref="VoidAsync"/> posts) and posts
    /// <paramref name="replacement"/> in its place, linked to it, in one database transaction under the book's lock: both or
    /// neither. The replacement is checked as any post and is idempotent like one: the same key with the same content
    /// answers with the first replacement; with other content (or as a plain post) it is a conflict. A reversal, a voided
    /// transaction, a transaction corrected already and one in the book's closed period cannot be corrected, and the
    /// replacement cannot be dated in the closed period.
    /// </summary>
    public async Task<Result<TransactionDto>> CorrectAsync(Actor actor, Guid bookId, Guid transactionId, PostTransaction replacement,
        CancellationToken ct = default)
    {
        var command = Normalize(replacement with { BookId = bookId });
        var errors = ValidateShape(command, Today());
        if (errors.Any)
        {
            return errors.ToResult<TransactionDto>();
        }
        var requestHash = command.IdempotencyKey is null ? null : HashOf(command, transactionId);
        try
        {
            return await dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true,
                session => CorrectInSessionAsync(session, actor, transactionId, command, requestHash, ct), ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation())
        {
            // Only a writer that bypassed the book's lock can have corrected, voided or used the key meanwhile.
            if (command.IdempotencyKey is { } key)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                if (await ReplayAsync(db, bookId, actor.UserId, key, requestHash!, ct) is { } replay)
                {
                    return replay;
                }
            }
            return Result<TransactionDto>.Conflict("This transaction was voided or corrected at the same moment; nothing was written.");
        }
    }

    private async Task<Result<TransactionDto>> CorrectInSessionAsync(BookSession session, Actor actor, Guid transactionId,
        PostTransaction command, string? requestHash, CancellationToken ct)
    {
        var db = session.Db;
        var bookId = command.BookId;
        if (command.IdempotencyKey is { } key && await ReplayAsync(db, bookId, actor.UserId, key, requestHash!, ct) is { } replay)
        {
            return replay;
        }
        var original = await db.Transactions.AsNoTracking().Include(t => t.Postings)
            .FirstOrDefaultAsync(t => t.BookId == bookId && t.Id == transactionId, ct);
        if (original is null)
        {
            return Result<TransactionDto>.NotFound("Transaction not found.");
        }
        if (original.ReversesId is not null)
        {
            return Result<TransactionDto>.Conflict("This transaction is the reversal of a void and cannot be corrected.");
        }
        if (await db.Transactions.AnyAsync(t => t.CorrectsId == original.Id, ct))
        {
            return Result<TransactionDto>.Conflict("This transaction has already been corrected; correct its replacement instead.");
        }
        if (await db.Transactions.AnyAsync(t => t.ReversesId == original.Id, ct))
        {
            return Result<TransactionDto>.Conflict("This transaction has been voided and cannot be corrected.");
        }
        if (original.Postings.Any(p => p.State == PostingState.Reconciled))
        {
            return Result<TransactionDto>.Conflict(
                "This transaction is reconciled with a bank statement and cannot be corrected; an owner can void it with an override.");
        }
        if (session.Standing.LockDate is { } lockDate)
        {
            // A correction puts the right figures in the original's place; in a closed period that place is shut. A void
            // reverses on the first open day, after which the right transaction can be posted there, in the open.
            if (ClosedPeriod.Contains(lockDate, original.Date))
            {
                return ClosedPeriod.Refuse<TransactionDto>(lockDate, original.Date, TransactionFields.Date, "corrected",
                    "Void it instead (its reversal is posted on the first open day) and post the right transaction after the lock date.");
            }
            if (ClosedPeriod.Contains(lockDate, command.Date))
            {
                return ClosedPeriod.Refuse<TransactionDto>(lockDate, command.Date, TransactionFields.Date);
            }
        }

        var reversalLines = original.Postings.OrderBy(p => p.Id).Select(p => new PostingLine(p.AccountId, -p.Amount, p.Memo)).ToList();
        var accountIds = reversalLines.Concat(command.Postings).Select(l => l.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new AccountForPosting(a.Id, a.Name, a.Currency, a.Archived), ct);
        var errors = ValidateAgainstAccounts(command.Postings, accounts);
        if (errors.Any)
        {
            return errors.ToResult<TransactionDto>();
        }
        if (reversalLines.Select(l => accounts[l.AccountId]).FirstOrDefault(a => a.Archived) is { } archived)
        {
            return Result<TransactionDto>.Conflict($"The account \"{archived.Name}\" is archived; restore it before correcting this transaction.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var first = await PostingBatchStore.TakeNumbersAsync(db, bookId, 2, ct);
        var reversal = NewTransaction(actor, new PostTransaction(bookId, original.Date, VoidDescription(original.Description), original.Payee, reversalLines),
            requestHash: null, now, reversesId: original.Id);
        reversal.Number = first;
        var replacement = NewTransaction(actor, command, requestHash, now, reversesId: null);
        replacement.CorrectsId = original.Id;
        replacement.Number = first + 1;
        var audit = AuditExtensions.Create(now, actor.UserId, bookId, AuditActions.TransactionCorrected, nameof(Transaction), original.Id,
            new { ReversalId = reversal.Id, ReplacementId = replacement.Id, command.IdempotencyKey });
        // The same writer as a batch's: balances, the accounts' days and the activity counters move with the postings.
        if (await PostingBatchStore.WriteAsync(db, [reversal, replacement], [audit], null, [], id => accounts[id].Currency, ct) is { } overflowed)
        {
            return Result<TransactionDto>.Invalid(TransactionFields.Postings,
                $"This would take the balance of \"{accounts[overflowed].Name}\" beyond what can be stored.");
        }
        var posted = (await LoadDtoAsync(db, bookId, replacement.Id, ct))!;
        await session.CommitAsync(ct);
        notifier.Publish(new BookChange(bookId, BookChangeKind.Transactions));
        activity.Publish();
        return Result<TransactionDto>.Created(posted);
    }

    private static string VoidDescription(string description)
    {
        var text = $"Void: {description}";
        return text.Length > TransactionLimits.MaxDescription ? text[..TransactionLimits.MaxDescription] : text;
    }
}
