using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Identity's user manager, plus: every new user is a Member and gets a personal book, whoever creates them. The user, the
/// role and the book are written in one transaction on the store's context, so a failure leaves no user without a book.
/// </summary>
public sealed class LedgerUserManager(
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
    LedgerDbContext db)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer,
        errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(ApplicationUser user)
    {
        if (string.IsNullOrWhiteSpace(user.DisplayName))
        {
            user.DisplayName = user.Email?.Split('@')[0] ?? user.UserName ?? "";
        }
        // The store saves through the scope's context (db): joining its transaction makes the three writes one. A caller
        // that already opened one on it decides when it commits.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(CancellationToken) : null;
        var result = await base.CreateAsync(user);
        if (!result.Succeeded)
        {
            return result;
        }
        result = await AddToRoleAsync(user, Roles.Member);
        if (!result.Succeeded)
        {
            return result;
        }
        var book = books.AddPersonalBook(db, user.Id, user.DisplayName);
        if (!book.Succeeded)
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "PersonalBook",
                Description = "The account could not be created because its personal book could not be: "
                    + string.Join(" ", book.Errors.SelectMany(e => e.Value)),
            });
        }
        await db.SaveChangesAsync(CancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken);
        }
        return result;
    }
}
