using BlazorLedger.Common;
using BlazorLedger.Features.Admin;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Admin;

/// <summary>The admin's list of users reads alike on both providers: order, search and status.</summary>
public abstract class UserQueryTests : IAsyncLifetime
{
    private static readonly string[] Names = ["adam", "Zed", "\u00c9va", "bob", "Bea", "admin"];
    private TestLedger ledger = default!;
    private TestUser admin = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        admin = await ledger.CreateUserAsync("admin");
        await ledger.MakeAdminAsync(admin);
        foreach (var name in Names.Where(n => n != "admin"))
        {
            await ledger.CreateUserAsync(name);
        }
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<UserPage> ListAsync(UserQuery query)
    {
        await using var scope = ledger.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<UserQueries>().ListAsync(admin.Actor, query);
        Assert.True(page.Succeeded, page.Message);
        return page.Value!;
    }

    [DbTheory]
    [InlineData(UserSort.Name, false)]
    [InlineData(UserSort.Name, true)]
    [InlineData(UserSort.Email, false)]
    public async Task Names_and_addresses_sort_by_code_point_and_pages_split_the_order(UserSort sort, bool descending)
    {
        var expected = Names.Order(StringComparer.Ordinal).ToList();
        if (descending)
        {
            expected.Reverse();
        }

        var first = await ListAsync(new UserQuery(Sort: sort, Descending: descending, PageSize: 4));
        var second = await ListAsync(new UserQuery(Sort: sort, Descending: descending, Page: 1, PageSize: 4));

        Assert.Equal(Names.Length, first.Total);
        Assert.Equal(expected, first.Items.Concat(second.Items).Select(u => u.DisplayName));
    }

    [DbFact]
    public async Task Search_ignores_case_and_a_lock_shows_as_the_status()
    {
        await using (var db = await ledger.DbAsync())
        {
            await db.Users.Where(u => u.DisplayName == "Zed").ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1)));
        }

        var found = await ListAsync(new UserQuery(Search: "ZED"));

        var zed = Assert.Single(found.Items);
        Assert.Equal(("Zed", UserStatus.Locked), (zed.DisplayName, zed.Status));
        Assert.Equal(2, (await ListAsync(new UserQuery(Search: "AD"))).Total);
    }
}

public sealed class UserQueryTestsOnSqlite : UserQueryTests;

public sealed class UserQueryTestsOnPostgres : UserQueryTests, IOnPostgres;
