using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>Searches a book's transactions with keyset paging in any of the offered orders.</summary>
internal sealed class TransactionListService(IDbContextFactory<LedgerDbContext> dbFactory)
{
    public const int MaxLimit = 500;

    public async Task<Result<TransactionPage>> SearchAsync(Actor actor, TransactionQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        Paging.Validate(errors, query.Limit, MaxLimit, query.From, query.To);
        var culture = query.Culture ?? CultureInfo.InvariantCulture;
        var exact = ReadSize(errors, nameof(TransactionQuery.Amount), query.Amount, culture);
        var min = ReadSize(errors, nameof(TransactionQuery.MinAmount), query.MinAmount, culture);
        var max = ReadSize(errors, nameof(TransactionQuery.MaxAmount), query.MaxAmount, culture);
        if (min is { } low && max is { } high && high < low)
        {
            errors.Add(nameof(TransactionQuery.MaxAmount), "The largest amount is below the smallest.");
        }
        ListCursor? cursor = null;
        if (query.Cursor is not null && (!ListCursor.TryParse(query.Cursor, out cursor) || cursor!.Sort != query.Sort))
        {
            errors.Add(nameof(TransactionQuery.Cursor), Paging.InvalidCursor);
        }
        var tag = string.IsNullOrWhiteSpace(query.Tag) ? null : query.Tag.Trim().ToLowerInvariant();
        if (tag is not null && !TransactionTags.IsValid(tag))
        {
            errors.Add(nameof(TransactionQuery.Tag), $"A tag has 1 to {TransactionLimits.MaxTag} letters, digits, \"-\", \"_\", \"/\" or \".\".");
        }
        if (errors.Any)
        {
            return errors.ToResult<TransactionPage>();
        }

        return await dbFactory.InBookAsync(actor, query.BookId, BookRole.Viewer, write: false, async session =>
        {

            // A parent account stands for itself and all its sub-accounts, as its register does.
            IReadOnlyList<Guid> filterAccounts = [];
            if (query.Account is { } accountId)
            {
                var chart = await session.Db.Accounts.AsNoTracking().Where(a => a.BookId == query.BookId)
                    .Select(a => new { a.Id, a.ParentId }).ToListAsync(ct);
                if (!chart.Any(a => a.Id == accountId))
                {
                    var unknown = new ValidationErrors();
                    unknown.Add(nameof(TransactionQuery.Account), "There is no such account in this book.");
                    return unknown.ToResult<TransactionPage>();
                }
                filterAccounts = Features.Accounts.AccountTree.Subtree(accountId, chart.Select(a => (a.Id, a.ParentId)));
            }

            var transactions = session.Db.Transactions.AsNoTracking().Where(t => t.BookId == query.BookId);
            if (query.From is { } from)
            {
                transactions = transactions.Where(t => t.Date >= from);
            }
            if (query.To is { } to)
            {
                transactions = transactions.Where(t => t.Date <= to);
            }
            if (SearchText.ContainsPattern(query.Text) is { } text)
            {
                transactions = transactions.Where(t => SearchText.Matches(t.Description, text)
                    || (t.Payee != null && SearchText.Matches(t.Payee, text))
                    || t.Postings.Any(p => p.Memo != null && SearchText.Matches(p.Memo, text)));
            }
            if (SearchText.ContainsPattern(query.Payee) is { } payee)
            {
                transactions = transactions.Where(t => t.Payee != null && SearchText.Matches(t.Payee, payee));
            }
            if (tag is not null)
            {
                var db = session.Db;
                transactions = transactions.Where(t => db.TransactionTags.Any(g => g.BookId == query.BookId && g.Tag == tag && g.TransactionId == t.Id));
            }
            if (query.Account is { } account)
            {
                // Each account's postings are one range of the (AccountId, Date, Id) index, narrowed by the dates when given.
                var postings = filterAccounts.Count == 1
                    ? session.Db.Postings.Where(p => p.AccountId == account)
                    : session.Db.Postings.Where(p => filterAccounts.Contains(p.AccountId));
                if (query.From is { } postedFrom)
                {
                    postings = postings.Where(p => p.Date >= postedFrom);
                }
                if (query.To is { } postedTo)
                {
                    postings = postings.Where(p => p.Date <= postedTo);
                }
                var touching = postings.Select(p => p.TransactionId);
                transactions = transactions.Where(t => touching.Contains(t.Id));
            }
            if (exact is { } wanted)
            {
                transactions = WithPostingOfSize(transactions, wanted, wanted);
            }
            if (min is not null || max is not null)
            {
                transactions = WithPostingOfSize(transactions, min, max);
            }
            transactions = ApplyOrderAndCursor(transactions, query.Sort, cursor, session.Db.Database.CodePointCollation());

            var rows = await transactions.Take(query.Limit + 1)
                .Select(t => new
                {
                    t.Id, t.Number, t.Date, t.Description, t.Payee, t.ReversesId, t.CorrectsId, t.CreatedAt, t.Version,
                    ReversedById = session.Db.Transactions.Where(r => r.ReversesId == t.Id).Select(r => (Guid?)r.Id).FirstOrDefault(),
                    CorrectedById = session.Db.Transactions.Where(c => c.CorrectsId == t.Id).Select(c => (Guid?)c.Id).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var page = rows.Take(query.Limit).ToList();
            var ids = page.Select(r => r.Id).ToList();
            var legs = (await session.Db.Postings.AsNoTracking()
                    .Where(p => ids.Contains(p.TransactionId))
                    .OrderBy(p => p.Id)
                    .Select(p => new { p.TransactionId, Leg = new TransactionLeg(p.AccountId, p.Account!.Name, p.Account.Currency, p.Amount, p.Memo) })
                    .ToListAsync(ct))
                .ToLookup(p => p.TransactionId, p => p.Leg);
            var tags = (await session.Db.TransactionTags.AsNoTracking()
                    .Where(g => ids.Contains(g.TransactionId))
                    .Select(g => new { g.TransactionId, g.Tag })
                    .ToListAsync(ct))
                .ToLookup(g => g.TransactionId, g => g.Tag);

            var items = page.Select(r => new TransactionListItem(r.Id, r.Number, r.Date, r.Description, r.Payee, legs[r.Id].ToList(),
                r.ReversedById is not null, r.ReversesId is not null, tags[r.Id].Order(StringComparer.Ordinal).ToList(), r.CorrectsId is not null,
                new TransactionLinks(r.CreatedAt, r.Version, r.ReversesId, r.ReversedById, r.CorrectsId, r.CorrectedById))).ToList();
            string? next = null;
            if (rows.Count > query.Limit)
            {
                var last = items[^1];
                next = new ListCursor(query.Sort, last.Date, last.Description, last.Number).ToString();
            }
            return Result<TransactionPage>.Ok(new TransactionPage(items, next));
        }, ct);
    }

    private static IQueryable<Transaction> ApplyOrderAndCursor(IQueryable<Transaction> transactions, TransactionSort sort, ListCursor? cursor,
        string codePointCollation)
    {
        switch (sort)
        {
            case TransactionSort.OldestFirst:
                if (cursor is not null)
                {
                    var (date, number) = (cursor.Date, cursor.Number);
                    transactions = transactions.Where(t => t.Date > date || (t.Date == date && t.Number > number));
                }
                return transactions.OrderBy(t => t.Date).ThenBy(t => t.Number);
            case TransactionSort.DescriptionAToZ:
                if (cursor is not null)
                {
                    var (description, number) = (cursor.Description, cursor.Number);
                    // Runs in the database, comparing by code point as the ORDER BY below sorts, on every provider.
#pragma warning disable CA1309
                    transactions = transactions.Where(t => string.Compare(EF.Functions.Collate(t.Description, codePointCollation), description) > 0
                        || (t.Description == description && t.Number > number));
#pragma warning restore CA1309
                }
                return transactions.OrderBy(t => EF.Functions.Collate(t.Description, codePointCollation)).ThenBy(t => t.Number);
            default:
                if (cursor is not null)
                {
                    var (date, number) = (cursor.Date, cursor.Number);
                    transactions = transactions.Where(t => t.Date < date || (t.Date == date && t.Number < number));
                }
                return transactions.OrderByDescending(t => t.Date).ThenByDescending(t => t.Number);
        }
    }

    /// <summary>
    /// Transactions with a posting whose size (either sign) lies from <paramref name="min"/> to <paramref name="max"/>
    /// (either open), in the units of that posting's currency: "12.345" is no amount in a two-digit currency.
    /// </summary>
    private static IQueryable<Transaction> WithPostingOfSize(IQueryable<Transaction> transactions, decimal? min, decimal? max)
    {
        IQueryable<Transaction>? matching = null;
        foreach (var group in Currencies.All.GroupBy(c => c.MinorDigits))
        {
            var scale = (decimal)Math.Pow(10, group.Key);
            var low = min is { } smallest ? decimal.Ceiling(smallest * scale) : 0;
            var high = max is { } largest ? Math.Min(decimal.Floor(largest * scale), Money.MaxPostingMinor) : Money.MaxPostingMinor;
            if (low > high)
            {
                continue; // nothing of this currency's precision lies in the range (no posting is larger than the maximum in any)
            }
            var (lo, hi) = ((long)low, (long)high);
            var codes = group.Select(c => c.Code).ToList();
            var part = transactions.Where(t => t.Postings.Any(p =>
                ((p.Amount >= lo && p.Amount <= hi) || (p.Amount >= -hi && p.Amount <= -lo)) && codes.Contains(p.Account!.Currency)));
            matching = matching is null ? part : matching.Union(part);
        }
        return matching ?? transactions.Where(t => false);
    }

    private static decimal? ReadSize(ValidationErrors errors, string field, string? text, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Money.TryParseSize(text, culture, out var size, out _, out var error))
        {
            return size;
        }
        errors.Add(field, error);
        return null;
    }

    private sealed record ListCursor(TransactionSort Sort, DateOnly Date, string Description, long Number)
    {
        public override string ToString() => Paging.Encode($"{(int)Sort}\n{Date.DayNumber}\n{Number}\n{Description}");

        public static bool TryParse(string text, out ListCursor? cursor)
        {
            cursor = null;
            if (!Paging.TryDecode(text, out var fields))
            {
                return false;
            }
            var parts = fields.Split('\n', 4);
            if (parts.Length == 4
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) && Enum.IsDefined((TransactionSort)sort)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                && day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                cursor = new ListCursor((TransactionSort)sort, DateOnly.FromDayNumber(day), parts[3], number);
                return true;
            }
            return false;
        }
    }
}
