using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Reads an account's postings newest first with keyset paging on the (AccountId, Date, Id) index: the cost of a page does
/// not grow with the account's size or the page's depth. Running balances come from the stored balance walked backwards,
/// so no page sums the account's history. A text filter is applied in SQL and its page is read with a LIMIT too; the
/// amounts of the postings it skips are summed in SQL over the span the page covers, never brought into memory.
/// </summary>
internal sealed class RegisterService(IDbContextFactory<LedgerDbContext> dbFactory, IDataProtectionProvider protection)
{
    public const int MaxLimit = 500;

    public const string CursorOfAnotherAccount = "This page link belongs to another account's register; start again from the first page.";

    private readonly IDataProtector cursorProtector = protection.CreateProtector(RegisterCursor.Purpose);

    public async Task<Result<RegisterPage>> GetPageAsync(Actor actor, RegisterQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        Paging.Validate(errors, query.Limit, MaxLimit, query.From, query.To);
        RegisterCursor? cursor = null;
        if (query.Cursor is not null)
        {
            if (!RegisterCursor.TryUnprotect(cursorProtector, query.Cursor, out cursor))
            {
                errors.Add(nameof(RegisterQuery.Cursor), Paging.InvalidCursor);
            }
            else if (cursor!.BookId != query.BookId || cursor.AccountId != query.AccountId)
            {
                errors.Add(nameof(RegisterQuery.Cursor), CursorOfAnotherAccount);
            }
        }
        if (errors.Any)
        {
            return errors.ToResult<RegisterPage>();
        }

        return await dbFactory.InBookAsync(actor, query.BookId, BookRole.Viewer, write: false, async session =>
        {
            var account = await session.Db.Accounts.AsNoTracking()
                .Where(a => a.BookId == query.BookId && a.Id == query.AccountId)
                .Select(a => new { a.Id, a.Balance, a.Currency, HasSubAccounts = session.Db.Accounts.Any(s => s.ParentId == a.Id) })
                .FirstOrDefaultAsync(ct);
            if (account is null)
            {
                return Result<RegisterPage>.NotFound("Account not found.");
            }
            if (account.HasSubAccounts)
            {
                try
                {
                    return Result<RegisterPage>.Ok(await GetTreePageAsync(session.Db, query, account.Id, account.Currency, cursor, ct));
                }
                catch (OverflowException)
                {
                    return Result<RegisterPage>.Conflict(TooLarge);
                }
            }

            // The newest posting the page may show is bounded by the cursor, else by 'to'; 'start' is the balance after it.
            var postings = session.Db.Postings.AsNoTracking().Where(p => p.AccountId == account.Id);
            long start;
            if (cursor is not null)
            {
                var (date, id) = (cursor.Date, cursor.PostingId);
                // The plain bound on the date is implied by the rest; it is what lets PostgreSQL start the index walk at the
                // cursor (an OR alone only filters, after walking every newer posting).
                postings = postings.Where(p => p.Date <= date && (p.Date < date || (p.Date == date && p.Id < id)));
                start = cursor.BalanceBefore;
            }
            else if (query.To is { } to)
            {
                // The balance after the last posting on or before 'to': the stored balance less everything later.
                start = account.Balance - await session.Db.Postings.Where(p => p.AccountId == account.Id && p.Date > to).SumAsync(p => p.Amount, ct);
            }
            else
            {
                start = account.Balance;
            }
            if (query.To is { } upper)
            {
                postings = postings.Where(p => p.Date <= upper);
            }
            if (query.From is { } lower)
            {
                postings = postings.Where(p => p.Date >= lower);
            }
            var pattern = SearchText.ContainsPattern(query.Text);
            if (pattern is not null)
            {
                postings = postings.Where(p => SearchText.Matches(p.Transaction!.Description, pattern)
                    || (p.Transaction.Payee != null && SearchText.Matches(p.Transaction.Payee, pattern))
                    || (p.Memo != null && SearchText.Matches(p.Memo, pattern)));
            }

            var rows = await postings
                .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
                .Select(p => new
                {
                    p.Id, p.TransactionId, p.Date, p.Amount, p.Memo, p.Transaction!.Description, p.Transaction.Payee, p.Transaction.ReversesId, p.State,
                    Voided = session.Db.Transactions.Any(r => r.ReversesId == p.TransactionId),
                })
                .Take(query.Limit + 1)
                .ToListAsync(ct);
            var more = rows.Count > query.Limit;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            // Unfiltered, consecutive rows are consecutive postings and the balance walks back row by row. Filtered, the rows
            // in between also moved the balance: their sums come from SQL, over the span this page covers and no further.
            var newerThan = pattern is null || rows.Count == 0
                ? null
                : await NewerSumsAsync(session.Db, account.Id, cursor, query.To, rows[^1].Date, rows[^1].Id, rows.ConvertAll(r => r.Id), ct);
            var items = new List<RegisterRow>(rows.Count);
            var running = start;
            foreach (var row in rows)
            {
                if (newerThan is not null)
                {
                    running = start - newerThan[row.Id];
                }
                items.Add(new RegisterRow(row.Id, row.TransactionId, row.Date, row.Description, row.Payee, row.Memo, row.Amount,
                    running, row.ReversesId is not null, row.Voided, State: row.State));
                running -= row.Amount;
            }

            string? next = null;
            if (more)
            {
                var last = items[^1];
                next = new RegisterCursor(query.BookId, account.Id, last.Date, last.PostingId, last.RunningBalance - last.Amount)
                    .Protect(cursorProtector);
            }
            return Result<RegisterPage>.Ok(new RegisterPage(account.Currency, items, next));
        }, ct);
    }

    /// <summary>Why a parent's register is refused when its running balances would go beyond 64 bits.</summary>
    public const string TooLarge =
        "This account and its sub-accounts together hold more than a running balance can show exactly (beyond 2^63 - 1 of the currency's smallest unit); open a sub-account's register instead.";

    private sealed record TreeAccount(Guid Id, Guid? ParentId, string Name, string Currency, long Balance);

    /// <summary>
    /// A parent's register: its own and all its descendants' postings, newest first, with a running balance per currency.
    /// Each account's postings are read on the (AccountId, Date, Id) index from the cursor, at most a page of them each, and
    /// merged: a page costs the same however long the accounts' histories are (an IN list over the index would sort them all).
    /// </summary>
    private async Task<RegisterPage> GetTreePageAsync(LedgerDbContext db, RegisterQuery query, Guid rootId, string rootCurrency,
        RegisterCursor? cursor, CancellationToken ct)
    {
        var chart = await db.Accounts.AsNoTracking().Where(a => a.BookId == query.BookId)
            .Select(a => new TreeAccount(a.Id, a.ParentId, a.Name, a.Currency, a.Balance)).ToListAsync(ct);
        var ids = Features.Accounts.AccountTree.Subtree(rootId, chart.Select(a => (a.Id, a.ParentId)));
        var accounts = chart.Where(a => ids.Contains(a.Id)).ToDictionary(a => a.Id);
        var rollUp = accounts.Values.GroupBy(a => a.Currency)
            .ToDictionary(g => g.Key, g => g.Aggregate(Int128.Zero, (sum, a) => sum + a.Balance), StringComparer.Ordinal);

        // The running balance per currency just after the newest posting the page may show, as for one account.
        Dictionary<string, long> start;
        if (cursor is not null)
        {
            start = new Dictionary<string, long>(cursor.Balances ?? new Dictionary<string, long> { [rootCurrency] = cursor.BalanceBefore },
                StringComparer.Ordinal);
        }
        else
        {
            // Running balances are figures of 64 bits, like every balance: beyond that the page is refused (see TooLarge).
            start = rollUp.ToDictionary(r => r.Key, r => checked((long)r.Value), StringComparer.Ordinal);
            if (query.To is { } to)
            {
                foreach (var later in await db.Postings.Where(p => ids.Contains(p.AccountId) && p.Date > to)
                             .GroupBy(p => p.AccountId).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToListAsync(ct))
                {
                    start[accounts[later.Key].Currency] = checked(start[accounts[later.Key].Currency] - later.Sum);
                }
            }
        }

        var pattern = SearchText.ContainsPattern(query.Text);
        IQueryable<Posting> Window(IQueryable<Posting> postings)
        {
            if (cursor is not null)
            {
                var (date, id) = (cursor.Date, cursor.PostingId);
                postings = postings.Where(p => p.Date <= date && (p.Date < date || (p.Date == date && p.Id < id)));
            }
            if (query.To is { } upper)
            {
                postings = postings.Where(p => p.Date <= upper);
            }
            if (query.From is { } lower)
            {
                postings = postings.Where(p => p.Date >= lower);
            }
            return postings;
        }

        var candidates = new List<TreeRow>();
        foreach (var accountId in ids)
        {
            var postings = Window(db.Postings.AsNoTracking().Where(p => p.AccountId == accountId));
            if (pattern is not null)
            {
                postings = postings.Where(p => SearchText.Matches(p.Transaction!.Description, pattern)
                    || (p.Transaction.Payee != null && SearchText.Matches(p.Transaction.Payee, pattern))
                    || (p.Memo != null && SearchText.Matches(p.Memo, pattern)));
            }
            candidates.AddRange(await postings
                .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
                .Select(p => new TreeRow(p.Id, p.AccountId, p.TransactionId, p.Date, p.Amount, p.Memo, p.Transaction!.Description, p.Transaction.Payee,
                    p.Transaction.ReversesId != null, db.Transactions.Any(r => r.ReversesId == p.TransactionId), p.State))
                .Take(query.Limit + 1)
                .ToListAsync(ct));
        }
        var rows = candidates.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Take(query.Limit + 1).ToList();
        var more = rows.Count > query.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        // The sums of everything the page covers, per currency: the rows' own, and with a filter the postings between them.
        Dictionary<long, long>? newerThan = null;
        Dictionary<string, long>? spanSums = null;
        if (pattern is not null && rows.Count > 0)
        {
            var (oldestDate, oldestId) = (rows[^1].Date, rows[^1].Id);
            var span = Window(db.Postings.Where(p => ids.Contains(p.AccountId)))
                .Where(p => p.Date >= oldestDate && (p.Date > oldestDate || p.Id >= oldestId));
            var spanned = await span.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
                .Select(p => new { p.Id, p.AccountId, p.Amount }).ToListAsync(ct);
            newerThan = [];
            spanSums = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var posting in spanned)
            {
                var currency = accounts[posting.AccountId].Currency;
                newerThan[posting.Id] = spanSums.GetValueOrDefault(currency);
                spanSums[currency] = checked(spanSums.GetValueOrDefault(currency) + posting.Amount);
            }
        }

        var running = new Dictionary<string, long>(start, StringComparer.Ordinal);
        var items = new List<RegisterRow>(rows.Count);
        foreach (var row in rows)
        {
            var account = accounts[row.AccountId];
            var balance = newerThan is null ? running.GetValueOrDefault(account.Currency) : checked(start.GetValueOrDefault(account.Currency) - newerThan[row.Id]);
            items.Add(new RegisterRow(row.Id, row.TransactionId, row.Date, row.Description, row.Payee, row.Memo, row.Amount, balance,
                row.IsReversal, row.IsVoided, row.AccountId == rootId ? null : account.Name, account.Currency, row.State));
            running[account.Currency] = checked(running.GetValueOrDefault(account.Currency) - row.Amount);
        }

        string? next = null;
        if (more)
        {
            var last = items[^1];
            var before = spanSums is null
                ? running
                : start.ToDictionary(b => b.Key, b => checked(b.Value - spanSums.GetValueOrDefault(b.Key)), StringComparer.Ordinal);
            next = new RegisterCursor(query.BookId, rootId, last.Date, last.PostingId, before.GetValueOrDefault(rootCurrency), before)
                .Protect(cursorProtector);
        }
        return new RegisterPage(rootCurrency, items, next, rollUp);
    }

    private sealed record TreeRow(long Id, Guid AccountId, Guid TransactionId, DateOnly Date, long Amount, string? Memo, string Description,
        string? Payee, bool IsReversal, bool IsVoided, PostingState State);

    private sealed class NewerSum
    {
        public long Id { get; set; }
        public long Newer { get; set; }
    }

    /// <summary>
    /// For each of <paramref name="ids"/>, the sum of the account's postings newer than it, up to the newest posting the page
    /// may show (before the cursor, else on or before 'to'). One ordered pass over the index, from there down to the
    /// page's oldest row, in SQL; only the page's rows come back.
    /// </summary>
    private static async Task<Dictionary<long, long>> NewerSumsAsync(LedgerDbContext db, Guid accountId, RegisterCursor? cursor, DateOnly? to,
        DateOnly oldestDate, long oldestId, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var parameters = new List<object> { accountId, oldestDate, oldestId };
        var sql = new StringBuilder("""
            SELECT "Id", COALESCE(SUM("Amount") OVER (ORDER BY "Date" DESC, "Id" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS "Newer"
            FROM "Postings"
            WHERE "AccountId" = {0} AND "Date" >= {1} AND ("Date" > {1} OR "Id" >= {2})
            """);
        if (cursor is not null)
        {
            // Plain bounds on the date beside each OR, as in the page's query, so that the index walk is bounded on both ends.
            sql.Append("""
                 AND "Date" <= {3} AND ("Date" < {3} OR "Id" < {4})
                """);
            parameters.AddRange([cursor.Date, cursor.PostingId]);
        }
        else if (to is { } upper)
        {
            sql.Append("""
                 AND "Date" <= {3}
                """);
            parameters.Add(upper);
        }
        return await db.Database.SqlQueryRaw<NewerSum>(sql.ToString(), parameters.ToArray())
            .Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Newer, ct);
    }

    /// <summary>A cursor for a position chosen by hand; the benchmark uses it to start mid-register.</summary>
    internal string ProtectCursor(RegisterCursor cursor) => cursor.Protect(cursorProtector);
}
