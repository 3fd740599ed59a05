using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Admin;

public sealed class TemporaryPasswordTests
{
    [Fact]
    public async Task Every_temporary_password_passes_identitys_rules_whatever_its_random_part()
    {
        await using var ledger = TestLedger.InMemory();
        await using var scope = ledger.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var validators = users.PasswordValidators;

        // One in about eight hundred random parts has no upper-case letter: a thousand draws would meet one.
        for (var i = 0; i < 1000; i++)
        {
            var password = UserCommands.TemporaryPassword();
            foreach (var validator in validators)
            {
                var result = await validator.ValidateAsync(users, new ApplicationUser(), password);
                Assert.True(result.Succeeded, $"{password}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
