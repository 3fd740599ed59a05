using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Books;

/// <summary>Removing a book with everything in it, for closing a user's account and for undoing a failed restore.</summary>
internal static class BookRows
{
    /// <summary>
    /// Deletes the book's rows in <paramref name="db"/>'s transaction. The audit log keeps what happened in the book; rows that
    /// hang off its accounts (rules, column mappings, remembered payees) go with them by cascading foreign keys.
    /// </summary>
    public static async Task DeleteAsync(LedgerDbContext db, Guid bookId, CancellationToken ct)
    {
        // Children first: postings, reversals before originals (they reference them), then the book's other rows.
        await db.MatchedOccurrences.Where(m => m.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.ImportedRows.Where(r => r.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Attachments.Where(a => a.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Postings.Where(p => p.Transaction!.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Reconciliations.Where(r => r.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Transactions.Where(t => t.BookId == bookId && t.ReversesId != null).ExecuteDeleteAsync(ct);
        // Corrections may chain (a replacement corrected again): unlink them rather than find an order. Tags and
        // amendments go with their transactions by cascading foreign keys.
        await db.Transactions.Where(t => t.BookId == bookId && t.CorrectsId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CorrectsId, (Guid?)null), ct);
        await db.Transactions.Where(t => t.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.ImportBatches.Where(b => b.BookId == bookId).ExecuteDeleteAsync(ct);
        var accountIds = await db.Accounts.Where(a => a.BookId == bookId).Select(a => a.Id).ToListAsync(ct);
        await db.AccountDays.Where(d => accountIds.Contains(d.AccountId)).ExecuteDeleteAsync(ct);
        await db.Accounts.Where(a => a.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => i.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.BookMembers.Where(m => m.BookId == bookId).ExecuteDeleteAsync(ct);
        await db.Books.Where(b => b.Id == bookId).ExecuteDeleteAsync(ct);
    }
}
