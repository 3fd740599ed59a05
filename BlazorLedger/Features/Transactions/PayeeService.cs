using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

public sealed record PayeeDto(string Name, int Uses, DateOnly LastUsed);

/// <summary>An account of the transaction last posted with a payee, on the side it was used (a debit or a credit).</summary>
public sealed record ProposedLeg(Guid AccountId, string AccountName, bool Debit);

/// <summary>The accounts of the last transaction posted with <paramref name="Payee"/>, in their posting order.</summary>
public sealed record PayeeProposal(string Payee, long Number, IReadOnlyList<ProposedLeg> Legs);

/// <summary>
/// A book's payees, read from its transactions as they are: every way of posting (the form, the API, batches, imports,
/// amendments) keeps the list right without writing anything more. The (BookId, Payee, Date, Number) index makes the
/// list one index range of the book and the last use of a payee one seek.
/// </summary>
internal sealed class PayeeService(IDbContextFactory<LedgerDbContext> dbFactory)
{
    public const int MaxLimit = 50;

    /// <summary>Payees whose name contains <paramref name="search"/> (ignoring case), the most used first.</summary>
    public Task<Result<IReadOnlyList<PayeeDto>>> ListAsync(Actor actor, Guid bookId, string? search, int limit = 10, CancellationToken ct = default)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Task.FromResult(Result<IReadOnlyList<PayeeDto>>.Invalid("Limit", $"Ask for 1 to {MaxLimit} payees."));
        }
        return dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var named = session.Db.Transactions.AsNoTracking().Where(t => t.BookId == bookId && t.Payee != null);
            if (SearchText.ContainsPattern(search) is { } pattern)
            {
                named = named.Where(t => SearchText.Matches(t.Payee, pattern));
            }
            var rows = await named
                .GroupBy(t => t.Payee!)
                .Select(g => new { Name = g.Key, Uses = g.Count(), LastUsed = g.Max(t => t.Date) })
                .OrderByDescending(p => p.Uses).ThenByDescending(p => p.LastUsed).ThenBy(p => p.Name)
                .Take(limit)
                .ToListAsync(ct);
            return Result<IReadOnlyList<PayeeDto>>.Ok(rows.Select(r => new PayeeDto(r.Name, r.Uses, r.LastUsed)).ToList());
        }, ct);
    }

    /// <summary>
    /// The accounts last used with exactly this payee (voids and their reversals aside), or null when the payee is new.
    /// </summary>
    public Task<Result<PayeeProposal?>> ProposeAsync(Actor actor, Guid bookId, string payee, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var name = payee.Trim();
            var db = session.Db;
            var last = await db.Transactions.AsNoTracking()
                .Where(t => t.BookId == bookId && t.Payee == name && t.ReversesId == null && !db.Transactions.Any(r => r.ReversesId == t.Id))
                .OrderByDescending(t => t.Date).ThenByDescending(t => t.Number)
                .Select(t => new { t.Id, t.Number })
                .FirstOrDefaultAsync(ct);
            if (last is null)
            {
                return Result<PayeeProposal?>.Ok(null);
            }
            var legs = await db.Postings.AsNoTracking()
                .Where(p => p.TransactionId == last.Id)
                .OrderBy(p => p.Id)
                .Select(p => new ProposedLeg(p.AccountId, p.Account!.Name, p.Amount > 0))
                .ToListAsync(ct);
            return Result<PayeeProposal?>.Ok(new PayeeProposal(name, last.Number, legs));
        }, ct);
}
