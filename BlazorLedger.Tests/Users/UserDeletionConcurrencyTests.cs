using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>Closing accounts keeps every shared book owned and one administrator active, however many close at once.</summary>
public abstract class UserDeletionConcurrencyTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this, concurrent: true);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private UserDeletionService Deletion => ledger.Services.GetRequiredService<UserDeletionService>();

    [DbFact]
    public async Task Owners_closing_their_accounts_or_leaving_all_at_once_leave_a_shared_book_exactly_one_owner()
    {
        var owners = new List<TestUser> { await ledger.CreateUserAsync("owner0") };
        var club = (await ledger.Books.CreateAsync(owners[0].Actor, "Club", "USD")).Value!.Id;
        for (var i = 1; i < 10; i++)
        {
            owners.Add(await ledger.CreateUserAsync($"owner{i}"));
            await ledger.AddMemberAsync(club, owners[i], BookRole.Owner);
        }
        var member = await ledger.CreateUserAsync("member");
        await ledger.AddMemberAsync(club, member, BookRole.Editor);

        var statuses = await AllAtOnce.RunAsync(owners.Count, async i => i % 2 == 0
            ? (await Deletion.DeleteSelfAsync(owners[i].Actor)).Status
            : (await ledger.Members.RemoveAsync(owners[i].Actor, club, owners[i].UserId)).Status);

        Assert.Equal(owners.Count - 1, statuses.Count(s => s == ResultStatus.Ok));
        Assert.Equal(ResultStatus.Conflict, Assert.Single(statuses, s => s != ResultStatus.Ok));
        await using var db = await ledger.DbAsync();
        var roles = await db.BookMembers.Where(m => m.BookId == club).Select(m => m.Role).ToListAsync();
        Assert.Single(roles, r => r == BookRole.Owner);
        Assert.Contains(BookRole.Editor, roles);
    }

    [DbFact]
    public async Task Admins_closing_their_accounts_all_at_once_leave_exactly_one_admin()
    {
        var admins = new List<TestUser>();
        for (var i = 0; i < 8; i++)
        {
            admins.Add(await ledger.CreateUserAsync($"admin{i}"));
            await ledger.MakeAdminAsync(admins[i]);
        }

        var results = await AllAtOnce.RunAsync(admins.Count, i => Deletion.DeleteSelfAsync(admins[i].Actor));

        Assert.Equal(admins.Count - 1, results.Count(r => r.Status == ResultStatus.Ok));
        var refused = Assert.Single(results, r => r.Status != ResultStatus.Ok);
        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("last active administrator", refused.Message);
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.UserRoles.CountAsync());
        Assert.Equal(1, await db.Users.CountAsync());
        // The books of those who left went with them; the last admin keeps theirs.
        Assert.Equal(1, await db.Books.CountAsync());
    }
}

public sealed class UserDeletionConcurrencyTestsOnSqlite : UserDeletionConcurrencyTests;

public sealed class UserDeletionConcurrencyTestsOnPostgres : UserDeletionConcurrencyTests, IOnPostgres;
