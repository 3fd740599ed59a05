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
        try
        {
            failure = await FillAsync(actor, book.Id, content, ct);
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
                new { Accounts = content.Accounts.Count, Transactions = content.Transactions.Count });
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

    /// <summary>Creates the accounts and posts the transactions; returns why it could not, or null.</summary>
    private async Task<string?> FillAsync(Actor actor, Guid bookId, JournalContent content, CancellationToken ct)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var account in content.Accounts)
        {
            var result = await accounts.CreateAsync(actor, new CreateAccount(bookId, account.Name, account.Code, account.Type, account.Currency), ct);
            if (!result.Succeeded)
            {
                return $"line {account.Line}: {Describe(result)}";
            }
            ids[account.JournalName] = result.Value!.Id;
        }

        if (content.Transactions.Count > 0)
        {
            // In number order, so that the new book gives each transaction the number it had.
            var ordered = content.Transactions.OrderBy(t => t.Number).ToList();
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
                return Describe(posted, ordered);
            }
            var renumbered = posted.Value!.Items.Select((item, i) => (item, i)).FirstOrDefault(x => x.item.Transaction?.Number != ordered[x.i].Number);
            if (renumbered.item is not null)
            {
                // Only the restoring user can reach the new book; a post of theirs in between would shift every number.
                return $"line {ordered[renumbered.i].Line}: the transaction was given the number {renumbered.item.Transaction?.Number} instead of " +
                    $"{ordered[renumbered.i].Number}, because something else was posted to the new book meanwhile.";
            }
        }

        // Archived last: postings cannot reach an archived account, and only one at zero can be archived.
        foreach (var account in content.Accounts.Where(a => a.Archived))
        {
            var archived = await accounts.SetArchivedAsync(actor, bookId, ids[account.JournalName], archived: true, ct);
            if (!archived.Succeeded)
            {
                return $"line {account.Line}: {Describe(archived)}";
            }
        }
        return null;
    }

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
