using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Users;

/// <summary>Identity's user manager, plus: every new user is a Member and gets a personal book, whoever creates them.</summary>
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
    BookService books)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer,
        errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(ApplicationUser user)
    {
        if (string.IsNullOrWhiteSpace(user.DisplayName))
        {
            user.DisplayName = user.Email?.Split('@')[0] ?? user.UserName ?? "";
        }
        var result = await base.CreateAsync(user);
        if (result.Succeeded)
        {
            await AddToRoleAsync(user, Roles.Member);
            await books.CreatePersonalBookAsync(user.Id, user.DisplayName, CancellationToken);
        }
        return result;
    }
}
