using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Export;

/// <summary>
/// Writes a whole book as a journal (hledger/Ledger or Beancount), streaming: a page of transactions at a time is read
/// and written, so a large book never sits in memory. The book is read in one snapshot, so the file is the book at one moment
/// even while others post.
/// </summary>
internal sealed class BookExportService(IDbContextFactory<LedgerDbContext> dbFactory)
{
    public const int PageSize = 1000;

    /// <summary>
    /// Writes the book to the writer that <paramref name="open"/> returns once access is granted; an outsider or a
    /// failure gets its result before anything is opened. Returns the number of transactions written.
    /// </summary>
    public Task<Result<int>> WriteAsync(Actor actor, Guid bookId, ExportFormat format, Func<ExportFile, TextWriter> open, CancellationToken ct = default)
    {
        if (format == ExportFormat.Csv)
        {
            throw new ArgumentException("The CSV export is a search's: use TransactionCsvExport.", nameof(format));
        }
        return dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var db = session.Db;
            await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
            var book = await ReadBookAsync(db, bookId, ct);
            IBookFormat writer = format == ExportFormat.Hledger ? new HledgerFormat(book) : new BeancountFormat(book);
            var output = open(writer.File);
            await output.WriteAsync(writer.Header());
            var count = 0;
            await foreach (var transaction in ReadTransactionsAsync(db, bookId, ct))
            {
                await output.WriteAsync(writer.Transaction(transaction));
                count++;
            }
            await output.FlushAsync(ct);
            return Result<int>.Ok(count);
        }, ct);
    }

    private static async Task<ExportBook> ReadBookAsync(LedgerDbContext db, Guid bookId, CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().Where(b => b.Id == bookId).Select(b => new { b.Name, b.BaseCurrency, b.CreatedAt }).SingleAsync(ct);
        // A reconciliation that reconciled no posting is named by no posting either: the account keeps it.
        var statements = (await db.Reconciliations.AsNoTracking().Where(r => r.BookId == bookId && r.PostingCount == 0)
                .OrderBy(r => r.StatementDate).ThenBy(r => r.ReconciledAt)
                .Select(r => new { r.AccountId, r.StatementDate, r.StatementBalance, r.ReconciledAt }).ToListAsync(ct))
            .ToLookup(r => r.AccountId, r => new ExportReconciliation(r.StatementDate, r.StatementBalance,
                DateTime.SpecifyKind(r.ReconciledAt, DateTimeKind.Utc), Adjustment: false));
        var accounts = (await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId)
                .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new ExportAccount(a.Id, a.Name, a.Code, a.Type, a.Currency, a.Archived, a.ParentId, null))
                .ToListAsync(ct))
            .Select(a => statements.Contains(a.Id) ? a with { Statements = statements[a.Id].ToList() } : a)
            .ToList();
        var first = await db.Transactions.Where(t => t.BookId == bookId).MinAsync(t => (DateOnly?)t.Date, ct);
        var created = DateOnly.FromDateTime(book.CreatedAt);
        return new ExportBook(book.Name, book.BaseCurrency, accounts, first is { } date && date < created ? date : created);
    }

    /// <summary>Every transaction of the book in date and number order, with its postings, a page at a time.</summary>
    private static async IAsyncEnumerable<ExportTransaction> ReadTransactionsAsync(LedgerDbContext db, Guid bookId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // A book has few reconciliations, one per statement; each reconciled posting names its own.
        var reconciliations = await db.Reconciliations.AsNoTracking().Where(r => r.BookId == bookId)
            .Select(r => new { r.Id, r.StatementDate, r.StatementBalance, r.ReconciledAt, r.AdjustmentTransactionId })
            .ToDictionaryAsync(r => r.Id, ct);
        (DateOnly Date, long Number)? after = null;
        while (true)
        {
            var page = db.Transactions.AsNoTracking().Where(t => t.BookId == bookId);
            if (after is { } last)
            {
                var (date, number) = last;
                page = page.Where(t => t.Date > date || (t.Date == date && t.Number > number));
            }
            var rows = await page.OrderBy(t => t.Date).ThenBy(t => t.Number).Take(PageSize)
                .Select(t => new
                {
                    t.Id, t.Number, t.Date, t.Description, t.Payee,
                    Reverses = db.Transactions.Where(o => o.Id == t.ReversesId).Select(o => (long?)o.Number).FirstOrDefault(),
                    Corrects = db.Transactions.Where(o => o.Id == t.CorrectsId).Select(o => (long?)o.Number).FirstOrDefault(),
                })
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                yield break;
            }
            var ids = rows.Select(r => r.Id).ToList();
            var postings = (await db.Postings.AsNoTracking().Where(p => ids.Contains(p.TransactionId)).OrderBy(p => p.Id)
                    .Select(p => new { p.TransactionId, p.AccountId, p.Amount, p.Memo, p.State, p.ReconciliationId })
                    .ToListAsync(ct))
                .ToLookup(p => p.TransactionId, p => new ExportPosting(p.AccountId, p.Amount, p.Memo, p.State,
                    p.ReconciliationId is { } id && reconciliations.TryGetValue(id, out var r)
                        ? new ExportReconciliation(r.StatementDate, r.StatementBalance, DateTime.SpecifyKind(r.ReconciledAt, DateTimeKind.Utc),
                            Adjustment: r.AdjustmentTransactionId == p.TransactionId)
                        : null));
            var tags = (await db.TransactionTags.AsNoTracking().Where(g => ids.Contains(g.TransactionId))
                    .Select(g => new { g.TransactionId, g.Tag }).ToListAsync(ct))
                .ToLookup(g => g.TransactionId, g => g.Tag);
            foreach (var row in rows)
            {
                yield return new ExportTransaction(row.Number, row.Date, row.Description, row.Payee, row.Reverses, postings[row.Id].ToList(),
                    tags[row.Id].Order(StringComparer.Ordinal).ToList(), row.Corrects);
            }
            after = (rows[^1].Date, rows[^1].Number);
        }
    }
}
