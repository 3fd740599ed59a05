using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>One address, one account, however many sign-up forms are posted for it at once.</summary>
public abstract class RegistrationConcurrencyTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        var admin = await ledger.CreateUserAsync("admin");
        await ledger.MakeAdminAsync(admin);
        await using (var db = await ledger.DbAsync())
        {
            db.Roles.Add(new IdentityRole(Roles.Member) { NormalizedName = Roles.Member.ToUpperInvariant() });
            await db.SaveChangesAsync();
        }
        await ledger.Settings.SetRegistrationPolicyAsync(admin.Actor, RegistrationPolicy.Open);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<Result<ApplicationUser>> RegisterAsync(string email)
    {
        // One scope per request, as the static-rendered register page has.
        await using var scope = ledger.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<RegistrationService>(scope.ServiceProvider)
            .RegisterAsync(new NewAccount("New Person", email, "New-Person-Pass-1", null), returnUrl: null);
    }

    [DbFact]
    public async Task Sign_ups_posted_at_once_for_one_address_make_exactly_one_account_and_tell_the_others_it_is_taken()
    {
        var results = await AllAtOnce.RunAsync(12, i => RegisterAsync(i % 2 == 0 ? "nora@example.com" : "NORA@example.com"));

        Assert.Single(results, r => r.Status == ResultStatus.Created);
        Assert.All(results.Where(r => r.Status != ResultStatus.Created), r =>
        {
            Assert.Equal(ResultStatus.Invalid, r.Status);
            Assert.Contains("already taken", r.Errors["Email"][0]);
        });
        await using var db = await ledger.DbAsync();
        var nora = await db.Users.SingleAsync(u => u.NormalizedEmail == "NORA@EXAMPLE.COM");
        Assert.Single(await db.BookMembers.Where(m => m.UserId == nora.Id).ToListAsync());
        Assert.Equal(2, await db.Books.CountAsync());
    }
}

public sealed class RegistrationConcurrencyTestsOnSqlite : RegistrationConcurrencyTests;

public sealed class RegistrationConcurrencyTestsOnPostgres : RegistrationConcurrencyTests, IOnPostgres;
