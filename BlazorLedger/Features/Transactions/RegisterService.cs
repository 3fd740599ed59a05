using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// One page of an account's register. <paramref name="Cursor"/> is what the previous page returned as NextCursor;
/// null starts at the newest posting. <paramref name="Text"/> matches description, payee or memo.
/// </summary>
public sealed record RegisterQuery(Guid BookId, Guid AccountId, int Limit = 50, string? Cursor = null,
    DateOnly? From = null, DateOnly? To = null, string? Text = null);

/// <summary>A posting as its account's register shows it; RunningBalance is the account's balance after it.</summary>
public sealed record RegisterRow(long PostingId, Guid TransactionId, DateOnly Date, string Description, string? Payee,
    string? Memo, long Amount, long RunningBalance, bool IsReversal, bool IsVoided);

public sealed record RegisterPage(string Currency, IReadOnlyList<RegisterRow> Items, string? NextCursor);

/// <summary>
/// Reads an account's postings newest first with keyset paging on the (AccountId, Date, Id) index: the cost of a page does
/// not grow with the account's size or the page's depth. Running balances come from the stored balance walked backwards,
/// so no page sums the account's history.
/// </summary>
public sealed class RegisterService(IDbContextFactory<LedgerDbContext> dbFactory)
{
    public const int MaxLimit = 500;

    public async Task<Result<RegisterPage>> GetPageAsync(Actor actor, RegisterQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        Paging.Validate(errors, query.Limit, MaxLimit, query.From, query.To);
        RegisterCursor? cursor = null;
        if (query.Cursor is not null && !RegisterCursor.TryParse(query.Cursor, out cursor))
        {
            errors.Add(nameof(RegisterQuery.Cursor), Paging.InvalidCursor);
        }
        if (errors.Any)
        {
            return errors.ToResult<RegisterPage>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (BookAccess.Deny<RegisterPage>(await BookAccess.RoleAsync(db, actor, query.BookId, ct), BookRole.Viewer) is { } denied)
        {
            return denied;
        }
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.BookId == query.BookId && a.Id == query.AccountId)
            .Select(a => new { a.Id, a.Balance, a.Currency })
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return Result<RegisterPage>.NotFound("Account not found.");
        }

        var postings = db.Postings.AsNoTracking().Where(p => p.AccountId == account.Id);
        long runningBalance;
        if (cursor is not null)
        {
            var (date, id) = (cursor.Date, cursor.PostingId);
            postings = postings.Where(p => p.Date < date || (p.Date == date && p.Id < id));
            runningBalance = cursor.BalanceBefore;
        }
        else if (query.To is { } to)
        {
            // The balance after the last posting on or before 'to': the stored balance less everything later.
            runningBalance = account.Balance - await db.Postings.Where(p => p.AccountId == account.Id && p.Date > to).SumAsync(p => p.Amount, ct);
        }
        else
        {
            runningBalance = account.Balance;
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
        var rows = postings
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
            .Select(p => new
            {
                p.Id, p.TransactionId, p.Date, p.Amount, p.Memo, p.Transaction!.Description, p.Transaction.Payee, p.Transaction.ReversesId,
                Voided = db.Transactions.Any(r => r.ReversesId == p.TransactionId),
                Matches = pattern == null
                    || EF.Functions.Like(p.Transaction.Description, pattern, "\\")
                    || (p.Transaction.Payee != null && EF.Functions.Like(p.Transaction.Payee, pattern, "\\"))
                    || (p.Memo != null && EF.Functions.Like(p.Memo, pattern, "\\")),
            });
        if (pattern is null)
        {
            rows = rows.Take(query.Limit + 1);
        }

        // Rows that do not match the text still move the running balance, so they are read (amount only) and skipped.
        var items = new List<RegisterRow>(query.Limit);
        var more = false;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.Matches)
            {
                if (items.Count == query.Limit)
                {
                    more = true;
                    break;
                }
                items.Add(new RegisterRow(row.Id, row.TransactionId, row.Date, row.Description, row.Payee, row.Memo, row.Amount,
                    runningBalance, row.ReversesId is not null, row.Voided));
            }
            runningBalance -= row.Amount;
        }

        string? next = null;
        if (more)
        {
            var last = items[^1];
            next = new RegisterCursor(last.Date, last.PostingId, last.RunningBalance - last.Amount).ToString();
        }
        return Result<RegisterPage>.Ok(new RegisterPage(account.Currency, items, next));
    }

}

/// <summary>Where the next page starts: after (Date, PostingId), with the running balance before that posting.</summary>
internal sealed record RegisterCursor(DateOnly Date, long PostingId, long BalanceBefore)
{
    public override string ToString() => Paging.Encode($"{Date.DayNumber}.{PostingId}.{BalanceBefore}");

    public static bool TryParse(string text, out RegisterCursor? cursor)
    {
        cursor = null;
        if (!Paging.TryDecode(text, out var fields))
        {
            return false;
        }
        var parts = fields.Split('.');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var balance))
        {
            cursor = new RegisterCursor(DateOnly.FromDayNumber(day), id, balance);
            return true;
        }
        return false;
    }
}
