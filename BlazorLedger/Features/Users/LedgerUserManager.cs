using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Identity's user manager, plus: every new user is a Member and gets a personal book, whoever creates them (the user, the
/// role and the book are written in one transaction on the store's context, so a failure leaves no user without a book);
/// and failed attempts are counted in the database itself.
/// </summary>
internal sealed class LedgerUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    BookService books,
    LedgerDbContext storeDb,
    IDbContextFactory<LedgerDbContext> dbFactory,
    TimeProvider clock)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer,
        errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(ApplicationUser user)
    {
        if (string.IsNullOrWhiteSpace(user.DisplayName))
        {
            user.DisplayName = user.Email?.Split('@')[0] ?? user.UserName ?? "";
        }
        // The store saves through the scope's context (storeDb): joining its transaction makes the three writes one. A caller
        // that already opened one on it decides when it commits.
        await using var transaction = storeDb.Database.CurrentTransaction is null ? await storeDb.BeginWriteTransactionAsync(CancellationToken) : null;
        IdentityResult result;
        try
        {
            result = await base.CreateAsync(user);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Identity checks that the name is free before it inserts; on a server where another sign-up for the same address
            // runs alongside, both can pass that check and the unique index decides. The loser is told what Identity tells.
            storeDb.ChangeTracker.Clear();
            return IdentityResult.Failed(ErrorDescriber.DuplicateUserName(user.UserName ?? ""));
        }
        if (!result.Succeeded)
        {
            return result;
        }
        result = await AddToRoleAsync(user, Roles.Member);
        if (!result.Succeeded)
        {
            return result;
        }
        var book = books.AddPersonalBook(storeDb, user.Id, user.DisplayName);
        if (!book.Succeeded)
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "PersonalBook",
                Description = "The account could not be created because its personal book could not be: "
                    + string.Join(" ", book.Errors.SelectMany(e => e.Value)),
            });
        }
        await storeDb.SaveChangesAsync(CancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken);
        }
        return result;
    }

    /// <summary>
    /// Counts a failed attempt with one UPDATE that adds to the stored count. Identity's own version reads the count,
    /// adds one and writes the row back under a concurrency stamp, so of several guesses arriving at once only one is
    /// counted and the others fail to save: an attacker guessing in parallel would never be locked out.
    /// </summary>
    public override async Task<IdentityResult> AccessFailedAsync(ApplicationUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var max = Options.Lockout.MaxFailedAccessAttempts;
        DateTimeOffset? lockUntil = clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan);
        var adminLock = AdminLock.Until;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken);
        await db.Users.Where(u => u.Id == user.Id && u.LockoutEnabled).ExecuteUpdateAsync(s => s
            // An admin's lock stays as it is: a failed attempt must never shorten it.
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max && u.LockoutEnd != adminLock ? lockUntil : u.LockoutEnd)
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1), CancellationToken);
        await RefreshLockoutAsync(db, user);
        return IdentityResult.Success;
    }

    /// <summary>Resets the count without writing the rest of a possibly stale user row over counts made meanwhile.</summary>
    public override async Task<IdentityResult> ResetAccessFailedCountAsync(ApplicationUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), CancellationToken);
        user.AccessFailedCount = 0;
        return IdentityResult.Success;
    }

    /// <summary>The caller goes on to ask whether the user is now locked out: answer from the database, not the row read earlier.</summary>
    private async Task RefreshLockoutAsync(LedgerDbContext db, ApplicationUser user)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
            .Select(u => new { u.AccessFailedCount, u.LockoutEnd }).FirstOrDefaultAsync(CancellationToken);
        if (stored is not null)
        {
            user.AccessFailedCount = stored.AccessFailedCount;
            user.LockoutEnd = stored.LockoutEnd;
        }
    }
}
