using System.Globalization;
using System.Text.Json.Serialization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Many transactions in one database transaction: one lock, one number range, one write per account's balance and one
/// live update. Imports, the API's batch endpoint and journal restores post this way.
/// </summary>
internal sealed partial class PostingService
{
    public const string TransactionsField = "Transactions";

    private static string Item(int index) => $"{TransactionsField}[{index}].";

    /// <summary>
    /// Posts every transaction of <paramref name="command"/> or none. Each is checked as a single post would be (one dated
    /// in the book's closed period refuses the batch, naming it), and errors are keyed by item ("Transactions[3].Postings[1].Amount"); an idempotency key reused with other content, by
    /// this user earlier or within the batch, makes the whole batch a conflict naming it.
    /// </summary>
    public async Task<Result<PostedBatch>> PostManyAsync(Actor actor, PostMany command, CancellationToken ct = default)
    {
        var items = (command.Transactions ?? []).Select(Normalize).ToList();
        var errors = ValidateBatchShape(command, items, Today());
        if (errors.Any)
        {
            return errors.ToResult<PostedBatch>();
        }
        var hashes = items.Select(i => i.IdempotencyKey is null ? null : HashOf(i)).ToList();
        var keyReuse = items.Select((item, index) => (item.IdempotencyKey, Hash: hashes[index], index))
            .Where(i => i.IdempotencyKey is not null)
            .GroupBy(i => i.IdempotencyKey, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Select(i => i.Hash).Distinct().Count() > 1);
        if (keyReuse is not null)
        {
            return Result<PostedBatch>.Conflict(
                $"The idempotency key \"{keyReuse.Key}\" is used by transactions[{keyReuse.First().index}] and transactions[{keyReuse.Last().index}] for different transactions.");
        }

        try
        {
            return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true,
                session => PostManyInSessionAsync(session, actor, command, items, hashes, ct), ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation())
        {
            // Writers to a book queue on its lock, so only a writer that bypassed it can have taken a key or row meanwhile.
            return Result<PostedBatch>.Conflict("Someone posted to this book at the same moment; nothing was written. Try again.");
        }
    }

    private async Task<Result<PostedBatch>> PostManyInSessionAsync(BookSession session, Actor actor, PostMany command,
        List<PostTransaction> items, List<string?> hashes, CancellationToken ct)
    {
        var db = session.Db;
        var bookId = command.BookId;
        var facts = await PostingBatchStore.ReadAsync(db, actor.UserId, bookId,
            items.Select(i => i.IdempotencyKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            command.Import?.Fingerprints ?? [],
            items.SelectMany(i => i.Postings.Select(p => p.AccountId)).Append(command.Import?.AccountId ?? Guid.Empty)
                .Where(id => id != Guid.Empty).Distinct().ToList(), ct);

        if (command.Import is { } import && !facts.Accounts.ContainsKey(import.AccountId))
        {
            return Result<PostedBatch>.Invalid(nameof(StatementImport.AccountId), "The statement's account does not exist in this book.");
        }

        // What each item is: already posted under its key, already imported, standing for a scheduled occurrence posted
        // already, or to post now.
        var occurrences = await OccurrencesAsync(db, bookId, command.Import?.Occurrences, ct);
        var statuses = new PostedStatus[items.Count];
        var existingIds = new Guid?[items.Count];
        var errors = new ValidationErrors();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].IdempotencyKey is { } key && facts.Keys.TryGetValue(key, out var posted))
            {
                if (posted.RequestHash != hashes[i])
                {
                    return Result<PostedBatch>.Conflict(
                        $"The idempotency key \"{key}\" of transactions[{i}] was already used for a different transaction.");
                }
                (statuses[i], existingIds[i]) = (PostedStatus.Replayed, posted.Id);
            }
            else if (command.Import is { } statement && facts.Fingerprints.Contains(statement.Fingerprints[i]))
            {
                statuses[i] = PostedStatus.Duplicate;
            }
            else if (command.Import?.Occurrences?[i] is { } claim && occurrences.Taken.TryGetValue((claim.ScheduleId, claim.Date), out var standing))
            {
                (statuses[i], existingIds[i]) = (PostedStatus.Linked, standing);
            }
            else
            {
                statuses[i] = PostedStatus.Created;
                if (session.Standing.LockDate is { } lockDate && ClosedPeriod.Contains(lockDate, items[i].Date))
                {
                    // Before the other checks: no fix to this item makes it postable, and an import names the first line refused.
                    return ClosedPeriod.Refuse<PostedBatch>(lockDate, items[i].Date, Item(i) + TransactionFields.Date);
                }
                errors.AddAll(Item(i), ValidateAgainstAccounts(items[i].Postings, facts.Accounts));
            }
        }
        if (errors.Any)
        {
            return errors.ToResult<PostedBatch>();
        }

        // Within the batch, a later item with the same key as an earlier one is a retry of it (the content is the same).
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (statuses[i] == PostedStatus.Created && items[i].IdempotencyKey is { } key && !firstWithKey.TryAdd(key, i))
            {
                statuses[i] = PostedStatus.Replayed;
            }
        }

        var created = Enumerable.Range(0, items.Count).Where(i => statuses[i] == PostedStatus.Created).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var first = await PostingBatchStore.TakeNumbersAsync(db, bookId, created.Count, ct);
        var batch = command.Import is { } source
            ? new ImportBatch
            {
                BookId = bookId, AccountId = source.AccountId, FileName = FileNameOf(source.FileName), Format = source.Format,
                Imported = created.Count, Duplicates = statuses.Count(s => s == PostedStatus.Duplicate), CreatedById = actor.UserId,
                CreatedAt = now,
            }
            : null;

        var transactions = new Transaction?[items.Count];
        for (var n = 0; n < created.Count; n++)
        {
            var i = created[n];
            var transaction = NewTransaction(actor, items[i], hashes[i], now, reversesId: null);
            transaction.Number = first + n;
            transaction.ImportBatchId = batch?.Id;
            transactions[i] = transaction;
        }
        if (LinkReversals(command.Reversals, items, statuses, transactions, existingIds) is { } refused)
        {
            return refused;
        }
        if (LinkCorrections(command.Corrections, statuses, transactions, existingIds) is { } unlinked)
        {
            return unlinked;
        }

        var writes = created.Select(i => transactions[i]!).ToList();
        var audits = batch is not null
            ? [AuditExtensions.Create(now, actor.UserId, bookId, AuditActions.StatementImported, nameof(ImportBatch), batch.Id,
                new ImportedDetails(batch.AccountId, batch.FileName, batch.Format, batch.Imported, batch.Duplicates,
                    statuses.Count(s => s == PostedStatus.Linked),
                    created.Count(i => command.Import!.Occurrences?[i] is not null)))]
            : created.Select(i => AuditOf(transactions[i]!, items[i], now, actor.UserId)).ToList();
        var rows = batch is null ? [] : created.Select(i => new ImportedRow
        {
            BookId = bookId, Fingerprint = command.Import!.Fingerprints[i], TransactionId = transactions[i]!.Id, BatchId = batch.Id,
        }).ToList();

        if (await PostingBatchStore.WriteAsync(db, writes, audits, batch, rows, id => facts.Accounts[id].Currency, ct) is { } overflowed)
        {
            return Result<PostedBatch>.Invalid(TransactionsField,
                $"This would take the balance of \"{facts.Accounts[overflowed].Name}\" beyond what can be stored.");
        }
        if (batch is not null)
        {
            // A linked row posted nothing: it is recorded against the scheduled transaction that stands for it.
            db.ImportedRows.AddRange(Enumerable.Range(0, items.Count).Where(i => statuses[i] == PostedStatus.Linked).Select(i => new ImportedRow
            {
                BookId = bookId, Fingerprint = command.Import!.Fingerprints[i], TransactionId = existingIds[i]!.Value, BatchId = batch.Id,
            }));
            await MatchOccurrencesAsync(db, command.Import!, occurrences.Schedules, created, transactions, batch, now, ct);
        }
        await session.CommitAsync(ct);
        if (created.Count > 0)
        {
            notifier.Publish(new BookChange(bookId, BookChangeKind.Transactions));
            activity.Publish();
        }

        var replayed = await LoadDtosAsync(db, bookId, existingIds.OfType<Guid>().ToList(), ct);
        var results = new PostedItem[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = statuses[i] switch
            {
                PostedStatus.Created => new PostedItem(PostedStatus.Created, ToDto(transactions[i]!, facts.ActorName, facts.Accounts)),
                PostedStatus.Duplicate => new PostedItem(PostedStatus.Duplicate, null),
                PostedStatus.Linked => new PostedItem(PostedStatus.Linked, replayed.GetValueOrDefault(existingIds[i]!.Value)),
                _ => new PostedItem(PostedStatus.Replayed, existingIds[i] is { } id
                    ? replayed.GetValueOrDefault(id)
                    : results[firstWithKey[items[i].IdempotencyKey!]].Transaction),
            };
        }
        return Result<PostedBatch>.Ok(new PostedBatch(results, batch?.Id));
    }

    private sealed record ImportedDetails(Guid AccountId, string FileName, string Format, int Imported, int Duplicates,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Linked = 0,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Matched = 0);

    /// <summary>
    /// What the scheduled occurrences an import's rows stand for are now: <paramref name="Taken"/> holds those posted by their
    /// schedule (found by its key, in its maker's name) or stood for by an earlier import, with that transaction;
    /// <paramref name="Schedules"/> the schedules that still exist. Read after the book's lock, which the runner takes too.
    /// </summary>
    private sealed record Occurrences(Dictionary<(Guid ScheduleId, DateOnly Date), Guid> Taken, HashSet<Guid> Schedules);

    private static async Task<Occurrences> OccurrencesAsync(LedgerDbContext db, Guid bookId, IReadOnlyList<OccurrenceClaim?>? claims,
        CancellationToken ct)
    {
        var taken = new Dictionary<(Guid, DateOnly), Guid>();
        var wanted = (claims ?? []).OfType<OccurrenceClaim>().ToList();
        if (wanted.Count == 0)
        {
            return new Occurrences(taken, []);
        }
        var scheduleIds = wanted.Select(c => c.ScheduleId).Distinct().ToList();
        var schedules = (await db.Schedules.AsNoTracking().Where(s => s.BookId == bookId && scheduleIds.Contains(s.Id))
            .Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        foreach (var chunk in wanted.Chunk(500))
        {
            var keys = chunk.Select(c => c.Key).ToList();
            var posted = await db.Transactions.AsNoTracking().Where(t => t.BookId == bookId && keys.Contains(t.IdempotencyKey!))
                .Select(t => new { t.IdempotencyKey, t.CreatedById, t.Id }).ToListAsync(ct);
            foreach (var claim in chunk)
            {
                if (posted.FirstOrDefault(t => t.IdempotencyKey == claim.Key && t.CreatedById == claim.MakerId) is { } hit)
                {
                    taken[(claim.ScheduleId, claim.Date)] = hit.Id;
                }
            }
        }
        var matched = await db.MatchedOccurrences.AsNoTracking().Where(m => m.BookId == bookId && scheduleIds.Contains(m.ScheduleId))
            .Select(m => new { m.ScheduleId, m.Date, m.TransactionId }).ToListAsync(ct);
        foreach (var m in matched)
        {
            taken.TryAdd((m.ScheduleId, m.Date), m.TransactionId);
        }
        return new Occurrences(taken, schedules);
    }

    /// <summary>
    /// Frees the scheduled occurrences an undone import's rows stood for: the next import of the statement matches them again,
    /// or, should it never come, their schedules post them (a schedule that the import moved past one is moved back to it,
    /// unless it has gone on since).
    /// </summary>
    private static async Task FreeOccurrencesAsync(LedgerDbContext db, Guid bookId, Guid importId, CancellationToken ct)
    {
        var freed = await db.MatchedOccurrences.AsNoTracking().Where(m => m.BookId == bookId && m.ImportBatchId == importId)
            .Select(m => new { m.ScheduleId, m.Date }).ToListAsync(ct);
        if (freed.Count == 0)
        {
            return;
        }
        await db.MatchedOccurrences.Where(m => m.BookId == bookId && m.ImportBatchId == importId).ExecuteDeleteAsync(ct);
        var ids = freed.Select(f => f.ScheduleId).Distinct().ToList();
        var schedules = await db.Schedules.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var occurrence in freed.OrderByDescending(f => f.Date))
        {
            if (schedules.TryGetValue(occurrence.ScheduleId, out var schedule)
                && BlazorLedger.Features.Schedules.Recurrence.Of(schedule).Until(0, occurrence.Date).LastOrDefault() is { } last && last.Date == occurrence.Date)
            {
                await db.Schedules.Where(s => s.Id == schedule.Id && s.NextIndex == last.Index + 1)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextIndex, last.Index).SetProperty(s => s.Version, s => s.Version + 1), ct);
            }
        }
    }

    /// <summary>
    /// Records each occurrence a posted row stands for, so its schedule never posts it, and moves a schedule on past it when
    /// it was the schedule's next (only forward, as the runner does).
    /// </summary>
    private static async Task MatchOccurrencesAsync(LedgerDbContext db, StatementImport import, HashSet<Guid> schedules, List<int> created,
        Transaction?[] transactions, ImportBatch batch, DateTime now, CancellationToken ct)
    {
        var claims = created.Where(i => import.Occurrences?[i] is { } claim && schedules.Contains(claim.ScheduleId))
            .Select(i => (Index: i, Claim: import.Occurrences![i]!)).ToList();
        if (claims.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        db.MatchedOccurrences.AddRange(claims.Select(c => new MatchedOccurrence
        {
            ScheduleId = c.Claim.ScheduleId, Date = c.Claim.Date, BookId = batch.BookId, TransactionId = transactions[c.Index]!.Id,
            ImportBatchId = batch.Id, MatchedById = batch.CreatedById, MatchedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        foreach (var (scheduleId, occurrence) in claims.Select(c => (c.Claim.ScheduleId, c.Claim.Index)).OrderBy(c => c.Index))
        {
            await db.Schedules.Where(s => s.Id == scheduleId && s.NextIndex == occurrence)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextIndex, occurrence + 1).SetProperty(s => s.Version, s => s.Version + 1), ct);
        }
    }

    private sealed record UndoneDetails(Guid ImportId, int Voided, int AlreadyVoided);

    private static AuditEvent AuditOf(Transaction transaction, PostTransaction item, DateTime now, string userId) =>
        transaction.ReversesId is { } original
            ? AuditExtensions.Create(now, userId, transaction.BookId, AuditActions.TransactionVoided, nameof(Transaction), original,
                new { ReversalId = transaction.Id })
            : AuditExtensions.Create(now, userId, transaction.BookId, AuditActions.TransactionPosted, nameof(Transaction), transaction.Id,
                new PostedDetails(item.Date.ToString("O", CultureInfo.InvariantCulture), item.Postings.Count, item.IdempotencyKey));

    private static string FileNameOf(string name)
    {
        var clean = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "(unnamed)" : clean.Length > ImportRuleLimits.MaxFileName ? clean[..ImportRuleLimits.MaxFileName] : clean;
    }

    /// <summary>Everything about a batch that can be checked without the database.</summary>
    private static ValidationErrors ValidateBatchShape(PostMany command, List<PostTransaction> items, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (items.Count == 0)
        {
            errors.Add(TransactionsField, "Give at least one transaction.");
            return errors;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].BookId != command.BookId)
            {
                errors.Add(Item(i) + nameof(PostTransaction.BookId), "Every transaction of a batch belongs to the batch's book.");
            }
            errors.AddAll(Item(i), ValidateShape(items[i], today));
        }
        if (command.Import is { } import)
        {
            if (import.Fingerprints is null || import.Fingerprints.Count != items.Count)
            {
                errors.Add(nameof(StatementImport.Fingerprints), "Every transaction of an import needs the fingerprint of its row.");
            }
            else
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < items.Count; i++)
                {
                    var fingerprint = import.Fingerprints[i];
                    if (string.IsNullOrWhiteSpace(fingerprint) || fingerprint.Length > TransactionLimits.MaxIdempotencyKey || !seen.Add(fingerprint))
                    {
                        errors.Add(Item(i) + nameof(StatementImport.Fingerprints), "Each row of a statement needs a fingerprint of its own.");
                    }
                }
            }
        }
        foreach (var (reversal, original) in command.Reversals ?? new Dictionary<int, int>())
        {
            if (reversal < 0 || reversal >= items.Count || original < 0 || original >= reversal)
            {
                errors.Add(Item(Math.Clamp(reversal, 0, items.Count - 1)) + "Reverses", "A reversal must follow the transaction it voids in the batch.");
            }
        }
        if (command.Reversals is { Count: > 0 } reversals && reversals.Values.Distinct().Count() != reversals.Count)
        {
            errors.Add(TransactionsField, "A transaction can be voided once.");
        }
        var voided = command.Reversals?.Values.ToHashSet() ?? [];
        foreach (var (replacement, original) in command.Corrections ?? new Dictionary<int, int>())
        {
            if (replacement < 0 || replacement >= items.Count || original < 0 || original >= replacement)
            {
                errors.Add(Item(Math.Clamp(replacement, 0, items.Count - 1)) + "Corrects", "A replacement must follow the transaction it corrects in the batch.");
            }
            else if (!voided.Contains(original) || command.Reversals!.ContainsKey(replacement))
            {
                errors.Add(Item(replacement) + "Corrects", $"A replacement corrects a transaction the batch voids, and is no reversal; transactions[{original}] is not voided.");
            }
        }
        if (command.Corrections is { Count: > 0 } corrections && corrections.Values.Distinct().Count() != corrections.Count)
        {
            errors.Add(TransactionsField, "A transaction can be corrected once.");
        }
        return errors;
    }

    /// <summary>Links each reversal to the transaction it voids, once it is checked to cancel it exactly.</summary>
    private static Result<PostedBatch>? LinkReversals(IReadOnlyDictionary<int, int>? reversals, List<PostTransaction> items,
        PostedStatus[] statuses, Transaction?[] transactions, Guid?[] existingIds)
    {
        foreach (var (reversal, original) in reversals ?? new Dictionary<int, int>())
        {
            var cancels = items[original].Postings.Select(p => (p.AccountId, p.Amount)).Order()
                .SequenceEqual(items[reversal].Postings.Select(p => (p.AccountId, -p.Amount)).Order());
            if (!cancels)
            {
                return Result<PostedBatch>.Invalid(Item(reversal) + nameof(PostTransaction.Postings),
                    $"A void must reverse transactions[{original}] exactly.");
            }
            if (statuses[reversal] != PostedStatus.Created)
            {
                continue;
            }
            var originalId = transactions[original]?.Id ?? existingIds[original];
            if (originalId is null)
            {
                return Result<PostedBatch>.Invalid(Item(reversal) + "Reverses", $"transactions[{original}] was not posted by this batch.");
            }
            transactions[reversal]!.ReversesId = originalId;
        }
        return null;
    }

    /// <summary>Links each correction's replacement to the transaction it replaces.</summary>
    private static Result<PostedBatch>? LinkCorrections(IReadOnlyDictionary<int, int>? corrections, PostedStatus[] statuses,
        Transaction?[] transactions, Guid?[] existingIds)
    {
        foreach (var (replacement, original) in corrections ?? new Dictionary<int, int>())
        {
            if (statuses[replacement] != PostedStatus.Created)
            {
                continue;
            }
            var originalId = transactions[original]?.Id ?? existingIds[original];
            if (originalId is null)
            {
                return Result<PostedBatch>.Invalid(Item(replacement) + "Corrects", $"transactions[{original}] was not posted by this batch.");
            }
            transactions[replacement]!.CorrectsId = originalId;
        }
        return null;
    }

    /// <summary>
    /// Undoes an import: voids each of its transactions (those already voided one by one stay as they are) in one database
    /// transaction, and frees its rows' fingerprints so that the statement can be imported again. As any void, a reversal of
    /// a transaction in the book's closed period is dated on the first open day.
    /// </summary>
    public async Task<Result<UndoneImport>> UndoImportAsync(Actor actor, Guid bookId, Guid importId, CancellationToken ct = default)
    {
        try
        {
            return await dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, session => UndoInSessionAsync(session, actor, bookId, importId, ct), ct);
        }
        catch (Exception ex) when (ex.IsUniqueViolation())
        {
            return Result<UndoneImport>.Conflict("A transaction of this import was voided at the same moment; nothing was changed. Try again.");
        }
    }

    private async Task<Result<UndoneImport>> UndoInSessionAsync(BookSession session, Actor actor, Guid bookId, Guid importId, CancellationToken ct)
    {
        var db = session.Db;
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.BookId == bookId && b.Id == importId, ct);
        if (batch is null)
        {
            return Result<UndoneImport>.NotFound("Import not found.");
        }
        if (batch.UndoneAt is not null)
        {
            return Result<UndoneImport>.Conflict("This import has already been undone.");
        }
        var originals = await db.Transactions.AsNoTracking().Include(t => t.Postings)
            .Where(t => t.BookId == bookId && t.ImportBatchId == importId && !db.Transactions.Any(r => r.ReversesId == t.Id))
            .OrderBy(t => t.Number).ToListAsync(ct);
        var alreadyVoided = batch.Imported - originals.Count;
        if (originals.Any(t => t.Postings.Any(p => p.State == PostingState.Reconciled)))
        {
            return Result<UndoneImport>.Conflict(
                "Some of this import's transactions are reconciled with a bank statement; void those one by one (an owner can override) first.");
        }

        var accountIds = originals.SelectMany(t => t.Postings.Select(p => p.AccountId)).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new AccountForPosting(a.Id, a.Name, a.Currency, a.Archived), ct);
        if (accounts.Values.FirstOrDefault(a => a.Archived) is { } archived)
        {
            return Result<UndoneImport>.Conflict($"The account \"{archived.Name}\" is archived; restore it before undoing this import.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var first = await PostingBatchStore.TakeNumbersAsync(db, bookId, originals.Count, ct);
        var reversals = originals.Select((original, n) =>
        {
            var description = $"Void: {original.Description}";
            var reversal = new PostTransaction(bookId, ClosedPeriod.ReversalDate(session.Standing.LockDate, original.Date),
                description.Length > TransactionLimits.MaxDescription ? description[..TransactionLimits.MaxDescription] : description,
                original.Payee, original.Postings.OrderBy(p => p.Id).Select(p => new PostingLine(p.AccountId, -p.Amount, p.Memo)).ToList());
            var transaction = NewTransaction(actor, reversal, requestHash: null, now, reversesId: original.Id);
            transaction.Number = first + n;
            return transaction;
        }).ToList();
        var audit = AuditExtensions.Create(now, actor.UserId, bookId, AuditActions.ImportUndone, nameof(ImportBatch), importId,
            new UndoneDetails(importId, reversals.Count, alreadyVoided));
        if (await PostingBatchStore.WriteAsync(db, reversals, [audit], null, [], id => accounts[id].Currency, ct) is { } overflowed)
        {
            return Result<UndoneImport>.Conflict($"Undoing this import would take the balance of \"{accounts[overflowed].Name}\" beyond what can be stored.");
        }
        await FreeOccurrencesAsync(db, bookId, importId, ct);
        await db.ImportedRows.Where(r => r.BookId == bookId && r.BatchId == importId).ExecuteDeleteAsync(ct);
        batch.UndoneAt = now;
        batch.UndoneById = actor.UserId;
        await db.SaveChangesAsync(ct);
        await session.CommitAsync(ct);
        notifier.Publish(new BookChange(bookId, BookChangeKind.Transactions));
        activity.Publish();
        return Result<UndoneImport>.Ok(new UndoneImport(importId, reversals.Count, alreadyVoided));
    }
}
