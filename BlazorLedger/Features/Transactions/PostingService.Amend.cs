using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>Amendments: a transaction's text and tags change, its amounts never do; each change is kept.</summary>
internal sealed partial class PostingService
{
    public const string MemosField = "Memos";

    private const string AmendedByOther = "This transaction was changed by someone else after you opened it.";

    /// <summary>
    /// Sets a transaction's description, payee, memos and tags, against the version the user saw (a conflict carries the
    /// current transaction). Each amendment is stored with who made it, when, and the fields before and after, and audited;
    /// an amendment that changes nothing stores nothing. Postings keep their accounts, amounts and dates. A transaction in the
    /// book's closed period cannot be amended.
    /// </summary>
    public async Task<Result<TransactionDto>> AmendAsync(Actor actor, AmendTransaction command, CancellationToken ct = default)
    {
        var after = new AmendableFields((command.Description ?? "").Trim(), string.IsNullOrWhiteSpace(command.Payee) ? null : command.Payee.Trim(),
            (command.Memos ?? []).Select(m => string.IsNullOrWhiteSpace(m) ? null : m.Trim()).ToList(), TransactionTags.Normalize(command.Tags));
        var errors = new ValidationErrors();
        if (after.Description.Length is 0 or > TransactionLimits.MaxDescription)
        {
            errors.Add(TransactionFields.Description, $"Enter a description of 1 to {TransactionLimits.MaxDescription} characters.");
        }
        if (after.Payee is { Length: > TransactionLimits.MaxPayee })
        {
            errors.Add(TransactionFields.Payee, $"A payee has at most {TransactionLimits.MaxPayee} characters.");
        }
        errors.AddIfNul(TransactionFields.Description, after.Description, "A description");
        errors.AddIfNul(TransactionFields.Payee, after.Payee, "A payee");
        for (var i = 0; i < after.Memos.Count; i++)
        {
            if (after.Memos[i] is { Length: > TransactionLimits.MaxMemo })
            {
                errors.Add($"{MemosField}[{i}]", $"A memo has at most {TransactionLimits.MaxMemo} characters.");
            }
            errors.AddIfNul($"{MemosField}[{i}]", after.Memos[i], "A memo");
        }
        TransactionTags.Validate(after.Tags, errors);
        if (errors.Any)
        {
            return errors.ToResult<TransactionDto>();
        }

        return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var transaction = await db.Transactions.Include(t => t.Postings).Include(t => t.Tags)
                .FirstOrDefaultAsync(t => t.BookId == command.BookId && t.Id == command.TransactionId, ct);
            if (transaction is null)
            {
                return Result<TransactionDto>.NotFound("Transaction not found.");
            }
            if (session.Standing.LockDate is { } lockDate && ClosedPeriod.Contains(lockDate, transaction.Date))
            {
                return ClosedPeriod.Refuse<TransactionDto>(lockDate, transaction.Date, TransactionFields.Date, "amended",
                    "Ask an owner to move the lock date first.");
            }
            if (transaction.Version != command.Version)
            {
                return Result<TransactionDto>.Conflict(AmendedByOther, await LoadDtoAsync(db, command.BookId, transaction.Id, ct));
            }
            var postings = transaction.Postings.OrderBy(p => p.Id).ToList();
            if (after.Memos.Count != postings.Count)
            {
                return Result<TransactionDto>.Invalid(MemosField, $"Give one memo (or none) for each of the {postings.Count} postings, in order.");
            }
            var before = new AmendableFields(transaction.Description, transaction.Payee, postings.Select(p => p.Memo).ToList(),
                transaction.Tags.Select(g => g.Tag).Order(StringComparer.Ordinal).ToList());
            var sortedAfter = after with { Tags = after.Tags.Order(StringComparer.Ordinal).ToList() };
            if (before.SameAs(sortedAfter))
            {
                return Result<TransactionDto>.Ok((await LoadDtoAsync(db, command.BookId, transaction.Id, ct))!);
            }

            transaction.Description = sortedAfter.Description;
            transaction.Payee = sortedAfter.Payee;
            for (var i = 0; i < postings.Count; i++)
            {
                postings[i].Memo = sortedAfter.Memos[i];
            }
            transaction.Tags.RemoveAll(g => !sortedAfter.Tags.Contains(g.Tag));
            foreach (var tag in sortedAfter.Tags.Where(t => transaction.Tags.All(g => g.Tag != t)))
            {
                transaction.Tags.Add(new TransactionTag { TransactionId = transaction.Id, Tag = tag, BookId = transaction.BookId });
            }
            transaction.Version++;
            var now = clock.GetUtcNow().UtcDateTime;
            db.TransactionAmendments.Add(new TransactionAmendment
            {
                TransactionId = transaction.Id, BookId = transaction.BookId, Version = transaction.Version, AmendedById = actor.UserId,
                AmendedAt = now, Before = JsonSerializer.Serialize(before, AmendmentJson), After = JsonSerializer.Serialize(sortedAfter, AmendmentJson),
            });
            db.Audit(now, actor.UserId, command.BookId, AuditActions.TransactionAmended, nameof(Transaction), transaction.Id,
                new { transaction.Version, before, after = sortedAfter });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The book's lock makes this unreachable; should a write ever bypass it, the token still catches a lost update.
                await session.RollbackAsync();
                await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                return Result<TransactionDto>.Conflict(AmendedByOther, await LoadDtoAsync(fresh, command.BookId, command.TransactionId, ct));
            }
            var amended = (await LoadDtoAsync(db, command.BookId, transaction.Id, ct))!;
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(command.BookId, BookChangeKind.Transactions));
            return Result<TransactionDto>.Ok(amended);
        }, ct);
    }

    /// <summary>A transaction's amendments, oldest first.</summary>
    public Task<Result<IReadOnlyList<TransactionAmendmentDto>>> AmendmentsAsync(Actor actor, Guid bookId, Guid transactionId,
        CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var rows = await session.Db.TransactionAmendments.AsNoTracking()
                .Where(a => a.BookId == bookId && a.TransactionId == transactionId)
                .OrderBy(a => a.Version)
                .Select(a => new
                {
                    a.Version, a.AmendedAt, a.Before, a.After,
                    Name = session.Db.Users.Where(u => u.Id == a.AmendedById).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .ToListAsync(ct);
            if (rows.Count == 0 && !await session.Db.Transactions.AnyAsync(t => t.BookId == bookId && t.Id == transactionId, ct))
            {
                return Result<IReadOnlyList<TransactionAmendmentDto>>.NotFound("Transaction not found.");
            }

            IReadOnlyList<TransactionAmendmentDto> list = rows.Select(r => new TransactionAmendmentDto(r.Version, r.AmendedAt, r.Name ?? "",
                JsonSerializer.Deserialize<AmendableFields>(r.Before, AmendmentJson)!, JsonSerializer.Deserialize<AmendableFields>(r.After, AmendmentJson)!))
                .ToList();
            return Result<IReadOnlyList<TransactionAmendmentDto>>.Ok(list);
        }, ct);

    private static readonly JsonSerializerOptions AmendmentJson = new(JsonSerializerDefaults.Web);
}
