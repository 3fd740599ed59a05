using System.Net;

using BlazorLedger.Data;
using BlazorLedger.Data.Seeding;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.App;

/// <summary>The app as a newcomer starts it: a fresh database file, migrations, roles, the admin and the demo book.</summary>
public sealed class FirstRunTests : AppHostTest
{
    protected override AppHost Start() => new();

    [Fact]
    public async Task First_start_creates_the_schema_the_roles_the_admin_and_a_consistent_demo_book()
    {
        Assert.True(File.Exists(App.DatabasePath));
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(AppHost.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, AppHost.AdminPassword));

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("wal", (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).Single());
        var demo = await db.Books.SingleAsync(b => b.Name == DemoData.BookName);
        Assert.True(await db.BookMembers.AnyAsync(m => m.BookId == demo.Id && m.UserId == admin.Id && m.Role == BookRole.Owner));
        Assert.InRange(await db.Accounts.CountAsync(a => a.BookId == demo.Id), 8, 15);
        Assert.InRange(await db.Transactions.CountAsync(t => t.BookId == demo.Id), 250, 350);
        var accounts = await db.Accounts.Where(a => a.BookId == demo.Id).ToListAsync();
        foreach (var account in accounts)
        {
            Assert.Equal(await db.Postings.Where(p => p.AccountId == account.Id).SumAsync(p => p.Amount), account.Balance);
        }
        Assert.Equal(0, accounts.Sum(a => a.Balance));
        Assert.True(await db.BookMembers.AnyAsync(m => m.UserId == admin.Id && m.BookId != demo.Id), "the admin's personal book");
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_the_admin_can_sign_in_and_see_the_demo_accounts()
    {
        using var browser = App.NewBrowser();

        var anonymous = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);

        var wrong = await AppHost.SignInAsync(browser, AppHost.AdminEmail, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync());

        var signIn = await AppHost.SignInAsync(browser, AppHost.AdminEmail, AppHost.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await browser.GetStringAsync("/");
        Assert.Contains("Chart of accounts", home);
        Assert.Contains("Demo household", home);
        Assert.Contains("Checking", home);

        await using var scope = App.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(AppHost.AdminEmail);
        Assert.NotNull(admin!.LastSignInAt);
    }

    [Fact]
    public async Task A_mistyped_address_answers_404_with_the_apps_not_found_page_while_the_api_keeps_its_problem_details()
    {
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, AppHost.AdminEmail, AppHost.AdminPassword);

        var page = await browser.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("Back to accounts", html);

        using var api = App.NewApiClient(null);
        var missing = await api.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Page not found", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_changes_nothing()
    {
        int transactions;
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            transactions = await db.Transactions.CountAsync();
        }

        var cookies = new CookieContainer();
        using (var before = App.NewBrowser(cookies))
        {
            await AppHost.SignInAsync(before, AppHost.AdminEmail, AppHost.AdminPassword);
        }

        await using var again = new AppHost(overrides: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = $"Data Source={App.DatabasePath}",
            ["DataProtection:KeysPath"] = App.KeysPath,
        });

        // The keys live with the data, so a sign-in survives the restart.
        Assert.NotEmpty(Directory.GetFiles(App.KeysPath, "key-*.xml"));
        using var after = again.NewBrowser(cookies);
        Assert.Contains("Chart of accounts", await after.GetStringAsync("/"));

        await using var check = await again.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        Assert.Equal(transactions, await check.Transactions.CountAsync());
        Assert.Equal(1, await check.Books.CountAsync(b => b.Name == DemoData.BookName));
    }
}
