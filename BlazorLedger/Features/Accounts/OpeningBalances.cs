using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Accounts;

/// <summary>
/// Opening balances: posted against the book's "Opening balances" equity account, one per currency, made when first needed
/// and found again by its purpose (<see cref="AccountPurpose.OpeningBalances"/>), whatever it has been renamed to.
/// </summary>
internal static class OpeningBalances
{
    public const string Name = "Opening balances";

    public const string Description = "Opening balance";

    /// <summary>
    /// The book's opening-balances account in <paramref name="currency"/>, inside the caller's write transaction: the marked
    /// one; else an unmarked equity account of that name and currency, now marked (a chart made by hand before this existed);
    /// else a new one. An archived one is restored, since it is about to hold money. Tracked: the caller saves.
    /// </summary>
    public static async Task<Account> FindOrAddAsync(LedgerDbContext db, Actor actor, Guid bookId, string currency, string reservedName,
        DateTime now, CancellationToken ct)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.BookId == bookId && a.Purpose == AccountPurpose.OpeningBalances
            && a.Currency == currency, ct);
        if (account is null)
        {
            var baseCurrency = await db.Books.Where(b => b.Id == bookId).Select(b => b.BaseCurrency).FirstAsync(ct);
            var name = currency == baseCurrency ? Name : $"{Name} ({currency})";
            // Compared lower-cased in the database, as names are when they are checked for uniqueness (see AccountService).
            var prefix = Name.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862
            var taken = await db.Accounts.Where(a => a.BookId == bookId && a.Name.ToLower().StartsWith(prefix)).ToListAsync(ct);
#pragma warning restore CA1304, CA1311, CA1862
            account = taken.FirstOrDefault(a => a.Name == name && a.Type == AccountType.Equity && a.Currency == currency && a.Purpose is null);
            if (account is not null)
            {
                account.Purpose = AccountPurpose.OpeningBalances;
                account.Version++;
            }
            else
            {
                var names = taken.Select(a => a.Name).Append(reservedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var unique = name;
                for (var n = 2; names.Contains(unique); n++)
                {
                    unique = $"{name} {n.ToString(CultureInfo.InvariantCulture)}";
                }
                account = new Account
                {
                    BookId = bookId, Name = unique, Type = AccountType.Equity, Currency = currency, Purpose = AccountPurpose.OpeningBalances,
                    CreatedAt = now, Version = 1,
                };
                db.Accounts.Add(account);
                db.Audit(now, actor.UserId, bookId, AuditActions.AccountCreated, nameof(Account), account.Id,
                    new { account.Name, account.Code, Type = account.Type.ToString(), account.Currency, Purpose = account.Purpose.ToString() });
            }
        }
        if (account.Archived)
        {
            account.Archived = false;
            account.Version++;
            db.Audit(now, actor.UserId, bookId, AuditActions.AccountUnarchived, nameof(Account), account.Id, new { account.Name });
        }
        return account;
    }

    /// <summary>
    /// Posts <paramref name="account"/>'s opening balance (<paramref name="natural"/>, as people read the account) against
    /// <paramref name="equity"/>, with the balances, days and activity moved as any post moves them. Both accounts must be saved
    /// already, in the caller's write transaction. Returns the account whose balance would overflow (roll back), or null.
    /// </summary>
    public static async Task<Guid?> PostAsync(LedgerDbContext db, Actor actor, Account account, Account equity, long natural, DateOnly date,
        DateTime now, CancellationToken ct)
    {
        var amount = AccountPresentation.IsCreditNormal(account.Type) ? -natural : natural;
        var transaction = new Transaction
        {
            BookId = account.BookId, Date = date, Description = Description, CreatedById = actor.UserId, CreatedAt = now,
            Number = await PostingBatchStore.TakeNumbersAsync(db, account.BookId, 1, ct),
        };
        transaction.Postings.Add(new Posting { TransactionId = transaction.Id, AccountId = account.Id, Date = date, Amount = amount });
        transaction.Postings.Add(new Posting { TransactionId = transaction.Id, AccountId = equity.Id, Date = date, Amount = -amount, Memo = account.Name });
        var audit = AuditExtensions.Create(now, actor.UserId, account.BookId, AuditActions.TransactionPosted, nameof(Transaction), transaction.Id,
            new { Date = date.ToString("O", CultureInfo.InvariantCulture), Postings = 2, OpeningBalanceOf = account.Id });
        return await PostingBatchStore.WriteAsync(db, [transaction], [audit], null, [], _ => account.Currency, ct);
    }

    /// <summary>What is wrong with an opening balance, by field; the date is checked only with an amount.</summary>
    public static void Validate(long? natural, DateOnly? date, DateOnly today, ValidationErrors errors)
    {
        if (natural is not { } amount || amount == 0)
        {
            return;
        }
        if (amount is > Money.MaxPostingMinor or < -Money.MaxPostingMinor)
        {
            errors.Add(nameof(CreateAccount.OpeningBalance), "The opening balance is too large.");
        }
        var latest = today.AddYears(1);
        if (date is { } day && (day < TransactionLimits.EarliestDate || day > latest))
        {
            errors.Add(nameof(CreateAccount.OpeningDate), $"Choose a date between {TransactionLimits.EarliestDate:yyyy-MM-dd} and {latest:yyyy-MM-dd}.");
        }
    }
}
