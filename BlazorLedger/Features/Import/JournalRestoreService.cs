using System.Text.RegularExpressions;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Restores a book from its hledger journal export into a new book that the actor owns: the same accounts, and the same
/// transactions with the same numbers, texts, postings and voids, so the same balances. Everything is read and checked
/// first (<see cref="JournalReader"/>); only a journal that can be restored whole creates anything. The book, its accounts
/// and its transactions are then written in steps (the transactions in one batch); should a later step still fail, the
/// new book is removed again, so a failed restore leaves no half book behind.
/// </summary>
internal sealed partial class JournalRestoreService(IDbContextFactory<LedgerDbContext> dbFactory, BookService books, AccountService accounts,
    PostingService postings, TimeProvider clock, ILogger<JournalRestoreService> logger)
{
    /// <summary>The field that a journal's problems are reported under, each as "Line 12: ...".</summary>
    public const string JournalField = "Journal";

    public async Task<Result<BookSummary>> RestoreAsync(Actor actor, string bookName, byte[] journal, CancellationToken ct = default)
    {
        if (actor.OnlyBook is not null)
        {
            return Result<BookSummary>.Forbidden(Actor.LimitedMessage);
        }
        var name = (bookName ?? "").Trim();
        if (name.Length is 0 or > BookLimits.MaxName)
        {
            return Result<BookSummary>.Invalid("Name", $"Enter a name of 1 to {BookLimits.MaxName} characters.");
        }
        var content = JournalReader.Read(journal ?? [], latestDate: DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(1));
        if (!content.Succeeded)
        {
            return Refused(content.Errors);
        }

        var created = await books.CreateAsync(actor, name, content.BaseCurrency, ct);
        if (!created.Succeeded)
        {
            return created;
        }
        var book = created.Value!;
        string? failure;
        var reconciliations = 0;
        try
        {
            (failure, reconciliations) = await FillAsync(actor, book.Id, content, ct);
        }
        catch (Exception ex)
        {
            try
            {
                await RemoveAsync(actor, book.Id, "The restore stopped before it finished.");
            }
            catch (Exception removal)
            {
                // The first failure is the one to report; this one is why the half book is still there.
                logger.LogError(removal, "The half-restored book {BookId} could not be removed after the restore failed: {Reason}", book.Id, ex.Message);
            }
            throw;
        }
        if (failure is not null)
        {
            await RemoveAsync(actor, book.Id, failure);
            return Result<BookSummary>.Conflict($"The book could not be restored, and nothing was kept: {failure}");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, book.Id, AuditActions.BookRestored, nameof(Book), book.Id,
                new { Accounts = content.Accounts.Count, Transactions = content.Transactions.Count, Reconciliations = reconciliations });
            await db.SaveChangesAsync(ct);
        }
        var last = content.Transactions.Count == 0 ? (DateOnly?)null : content.Transactions.Max(t => t.Date);
        return Result<BookSummary>.Created(book with { LastActivity = last });
    }

    private static Result<BookSummary> Refused(IReadOnlyList<StatementError> problems) =>
        Result<BookSummary>.Invalid(new Dictionary<string, string[]> { [JournalField] = problems.Select(p => p.ToString()).ToArray() }) with
        {
            Message = problems.Count == 1
                ? $"The journal cannot be restored. {problems[0]}"
                : $"The journal cannot be restored: it has {problems.Count} problems. The first: {problems[0]}",
        };

    /// <summary>
    /// Creates the accounts, posts the transactions and marks their postings as they stood; returns why it could not (or
    /// null) and how many reconciliations it made again.
    /// </summary>
    private async Task<(string? Failure, int Reconciliations)> FillAsync(Actor actor, Guid bookId, JournalContent content, CancellationToken ct)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        // Parents before their sub-accounts: a journal name has one more colon for each level.
        var byDepth = content.Accounts.OrderBy(Depth).ToList();
        foreach (var account in byDepth)
        {
            var result = await accounts.CreateAsync(actor, new CreateAccount(bookId, account.Name, account.Code, account.Type, account.Currency,
                ParentId: account.Parent is { } parent ? ids[parent] : null), ct);
            if (!result.Succeeded)
            {
                return ($"line {account.Line}: {Describe(result)}", 0);
            }
            ids[account.JournalName] = result.Value!.Id;
        }

        // In number order, so that the new book gives each transaction the number it had.
        var ordered = content.Transactions.OrderBy(t => t.Number).ToList();
        IReadOnlyList<PostedItem> written = [];
        if (ordered.Count > 0)
        {
            var indexOf = ordered.Select((t, i) => (t.Number, i)).ToDictionary(x => x.Number, x => x.i);
            var items = ordered.Select(t => new PostTransaction(bookId, t.Date, t.Description, t.Payee,
                t.Postings.Select(p => new PostingLine(ids[p.Account], p.Amount, p.Memo)).ToList(), Tags: t.Tags)).ToList();
            var reversals = ordered.Where(t => t.ReversesNumber is not null)
                .ToDictionary(t => indexOf[t.Number], t => indexOf[t.ReversesNumber!.Value]);
            var corrections = ordered.Where(t => t.CorrectsNumber is not null)
                .ToDictionary(t => indexOf[t.Number], t => indexOf[t.CorrectsNumber!.Value]);
            var posted = await postings.PostManyAsync(actor, new PostMany(bookId, items, Import: null, Reversals: reversals, Corrections: corrections), ct);
            if (!posted.Succeeded)
            {
                return (Describe(posted, ordered), 0);
            }
            var renumbered = posted.Value!.Items.Select((item, i) => (item, i)).FirstOrDefault(x => x.item.Transaction?.Number != ordered[x.i].Number);
            if (renumbered.item is not null)
            {
                // Only the restoring user can reach the new book; a post of theirs in between would shift every number.
                return ($"line {ordered[renumbered.i].Line}: the transaction was given the number {renumbered.item.Transaction?.Number} instead of " +
                    $"{ordered[renumbered.i].Number}, because something else was posted to the new book meanwhile.", 0);
            }
            written = posted.Value.Items;
        }
        // Postings' states, and the reconciliations they name or that their accounts keep.
        var reconciliations = await MarkAsync(actor, bookId, ordered, written, content.Accounts, ids, ct);

        // Archived last, sub-accounts before their parents: postings cannot reach an archived account, only one at zero can
        // be archived, and not while it has open sub-accounts.
        foreach (var account in byDepth.Where(a => a.Archived).Reverse())
        {
            var archived = await accounts.SetArchivedAsync(actor, bookId, ids[account.JournalName], archived: true, ct);
            if (!archived.Succeeded)
            {
                return ($"line {account.Line}: {Describe(archived)}", reconciliations);
            }
        }
        return (null, reconciliations);
    }

    private static int Depth(JournalAccount account) => account.JournalName.Count(c => c == ':');

    /// <summary>
    /// Gives the postings back where they stood against the bank's statements: cleared ones cleared, and reconciled ones
    /// reconciled by the reconciliations they name, which are made again with their statements, times and adjustments (as
    /// finished by the restoring user, who may be the only user the new book's instance knows). Returns how many.
    /// </summary>
    private async Task<int> MarkAsync(Actor actor, Guid bookId, List<JournalTransaction> ordered, IReadOnlyList<PostedItem> posted,
        IReadOnlyList<JournalAccount> accountStatements, Dictionary<string, Guid> accountIds, CancellationToken ct)
    {
        var marked = ordered.Select((transaction, i) => (Transaction: transaction, Id: posted[i].Transaction!.Id))
            .Where(x => x.Transaction.Postings.Any(p => p.State != PostingState.Uncleared)).ToList();
        var empty = accountStatements.SelectMany(a => (a.Statements ?? []).Select(s => (a.JournalName, Statement: s))).ToList();
        if (marked.Count == 0 && empty.Count == 0)
        {
            return 0;
        }
        var result = await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var db = session.Db;
            var cleared = new List<long>();
            var statements = new Dictionary<(string Account, JournalReconciliation Statement), (Reconciliation Row, List<long> Postings)>();
            foreach (var chunk in marked.Chunk(ChunkSize))
            {
                var transactionIds = chunk.Select(x => x.Id).ToList();
                // A transaction's postings were written in its lines' order, so their ids follow the journal's.
                var postingIds = (await db.Postings.Where(p => transactionIds.Contains(p.TransactionId)).OrderBy(p => p.Id)
                    .Select(p => new { p.Id, p.TransactionId }).ToListAsync(ct)).ToLookup(p => p.TransactionId, p => p.Id);
                foreach (var (transaction, transactionId) in chunk)
                {
                    foreach (var (posting, postingId) in transaction.Postings.Zip(postingIds[transactionId]))
                    {
                        if (posting.State == PostingState.Cleared)
                        {
                            cleared.Add(postingId);
                        }
                        else if (posting.Reconciliation is { } statement)
                        {
                            var key = (posting.Account, statement with { Adjustment = false });
                            if (!statements.TryGetValue(key, out var entry))
                            {
                                entry = (new Reconciliation
                                {
                                    BookId = bookId, AccountId = accountIds[posting.Account], StatementDate = statement.StatementDate,
                                    StatementBalance = statement.StatementBalance, ReconciledAt = statement.ReconciledAt, ReconciledById = actor.UserId,
                                }, []);
                                statements[key] = entry;
                            }
                            entry.Postings.Add(postingId);
                            if (statement.Adjustment)
                            {
                                entry.Row.AdjustmentTransactionId = transactionId;
                            }
                        }
                    }
                }
            }
            foreach (var (row, postings) in statements.Values)
            {
                row.PostingCount = postings.Count;
                db.Reconciliations.Add(row);
            }
            foreach (var (account, statement) in empty)
            {
                db.Reconciliations.Add(new Reconciliation
                {
                    BookId = bookId, AccountId = accountIds[account], StatementDate = statement.StatementDate, StatementBalance = statement.StatementBalance,
                    ReconciledAt = statement.ReconciledAt, ReconciledById = actor.UserId, PostingCount = 0,
                });
            }
            await db.SaveChangesAsync(ct);
            foreach (var chunk in cleared.Chunk(ChunkSize))
            {
                await db.Postings.Where(p => chunk.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PostingState.Cleared), ct);
            }
            foreach (var (row, postings) in statements.Values)
            {
                foreach (var chunk in postings.Chunk(ChunkSize))
                {
                    await db.Postings.Where(p => chunk.Contains(p.Id)).ExecuteUpdateAsync(s => s
                        .SetProperty(p => p.State, PostingState.Reconciled).SetProperty(p => p.ReconciliationId, row.Id), ct);
                }
            }
            await session.CommitAsync(ct);
            return Result<int>.Ok(statements.Count + empty.Count);
        }, ct);
        // Only the restoring user owns the new book, so this is not expected to be refused; a refusal removes the half book.
        return result.Succeeded ? result.Value : throw new InvalidOperationException($"The postings' states could not be restored: {result.Message}");
    }

    /// <summary>Ids in one query's list: far below what either database takes as parameters.</summary>
    private const int ChunkSize = 500;

    private static string Describe<T>(Result<T> result) =>
        result.Errors.Count > 0 ? string.Join(" ", result.Errors.SelectMany(e => e.Value)) : result.Message ?? result.Status.ToString();

    /// <summary>A batch's refusal with each item's errors told by the journal line of its transaction.</summary>
    private static string Describe(Result<PostedBatch> result, List<JournalTransaction> ordered)
    {
        if (result.Errors.Count == 0)
        {
            return result.Message ?? result.Status.ToString();
        }
        return string.Join(" ", result.Errors.SelectMany(e => e.Value.Select(message =>
            ItemIndex().Match(e.Key) is { Success: true } item && int.TryParse(item.Groups[1].ValueSpan, out var i) && i < ordered.Count
                ? $"line {ordered[i].Line}: {message}"
                : message)));
    }

    [GeneratedRegex(@"^" + PostingService.TransactionsField + @"\[(\d+)\]")]
    private static partial Regex ItemIndex();

    /// <summary>Removes the new book again, with what was created in it; the audit log keeps that it was tried.</summary>
    private async Task RemoveAsync(Actor actor, Guid bookId, string reason)
    {
        // Not the caller's token: a cancelled restore must still take its half book away.
        var ct = CancellationToken.None;
        await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            await BookRows.DeleteAsync(session.Db, bookId, ct);
            session.Db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.BookRestoreUndone, nameof(Book), bookId, new { Reason = reason });
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<bool>.Ok(true);
        }, ct);
    }
}
