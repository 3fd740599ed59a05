using System.Net;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Admin;

/// <summary>User management against the real app (Identity and all), as the admin pages drive it.</summary>
public sealed class UserAdminTests : AppHostTest
{
    private Actor admin = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        admin = await App.AdminAsync();
    }

    private Task<T> WithAdminService<T>(Func<UserCommands, Task<T>> action) =>
        App.WithScopeAsync(s => action(s.GetRequiredService<UserCommands>()));

    private Task<Result<UserPage>> ListAsync(UserQuery query) =>
        App.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(admin, query));

    private async Task<string> CreateMemberAsync(string email)
    {
        var created = await WithAdminService(u => u.CreateAsync(admin, email, email.Split('@')[0], sendInvitation: false));
        Assert.True(created.Succeeded, created.Message);
        return (await App.FindUserAsync(email))!.Id;
    }

    private Task<List<string>> AuditActionsAsync() => App.WithDbAsync(db => db.AuditEvents
        .Where(a => a.UserId == admin.UserId && a.Action.StartsWith("user.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task A_user_created_with_a_temporary_password_can_sign_in_with_it()
    {
        var created = await WithAdminService(u => u.CreateAsync(admin, "tina@example.com", "Tina", false));
        using var browser = App.NewBrowser();

        var signIn = await AppHost.SignInAsync(browser, "tina@example.com", created.Value!.TemporaryPassword!);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // A temporary password must be replaced before anything else.
        var gated = await browser.GetAsync("/transactions");
        Assert.Equal("/Account/Manage/ChangePassword", new Uri(App.BaseAddress, gated.Headers.Location!).AbsolutePath);
        Assert.Contains("temporary password", await browser.GetStringAsync("Account/Manage/ChangePassword"));
        var changed = await AppHost.PostFormAsync(browser, "Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = created.Value.TemporaryPassword!,
            ["Input.NewPassword"] = "Tinas-Own-Pass-1",
            ["Input.ConfirmPassword"] = "Tinas-Own-Pass-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/transactions")).StatusCode);
        Assert.Contains("user.created", await AuditActionsAsync());
        var list = await ListAsync(new UserQuery("tina"));
        var row = Assert.Single(list.Value!.Items);
        Assert.Equal(("Tina", UserStatus.Active, 1, false), (row.DisplayName, row.Status, row.Books, row.IsAdmin));
    }

    [Fact]
    public async Task Every_action_changes_the_user_and_is_audited()
    {
        var id = await CreateMemberAsync("mia@example.com");

        Assert.Equal(UserStatus.Locked, (await WithAdminService(u => u.SetLockedAsync(admin, id, true))).Value!.Status);
        Assert.Equal(UserStatus.Active, (await WithAdminService(u => u.SetLockedAsync(admin, id, false))).Value!.Status);
        Assert.Equal(UserStatus.Disabled, (await WithAdminService(u => u.SetDisabledAsync(admin, id, true))).Value!.Status);
        Assert.Equal(UserStatus.Active, (await WithAdminService(u => u.SetDisabledAsync(admin, id, false))).Value!.Status);
        Assert.True((await WithAdminService(u => u.SetAdminAsync(admin, id, true))).Value!.IsAdmin);
        Assert.False((await WithAdminService(u => u.SetAdminAsync(admin, id, false))).Value!.IsAdmin);
        Assert.True((await WithAdminService(u => u.SendPasswordResetAsync(admin, id))).Succeeded);

        Assert.Equal(["user.created", "user.locked", "user.unlocked", "user.disabled", "user.enabled", "user.admin-granted",
            "user.admin-revoked", "user.password-reset-sent"], await AuditActionsAsync());
        var resetMail = await App.MailToAsync("mia@example.com");
        Assert.Contains("Account/ResetPassword?code=", resetMail.HtmlBody);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_disabled_locked_or_deleted()
    {
        var deleted = await WithAdminService(u => u.DeleteAsync(admin, admin.UserId, SoleOwnedBooks.TransferToMe));
        var results = new[]
        {
            await WithAdminService(u => u.SetAdminAsync(admin, admin.UserId, false)),
            await WithAdminService(u => u.SetDisabledAsync(admin, admin.UserId, true)),
            await WithAdminService(u => u.SetLockedAsync(admin, admin.UserId, true)),
        }.Select(r => (r.Status, r.Message)).Append((deleted.Status, deleted.Message)).ToList();

        Assert.All(results, r => Assert.Equal(ResultStatus.Conflict, r.Status));
        Assert.All(results, r => Assert.Contains("last active administrator", r.Message));
        var user = (await App.FindUserAsync(AppHost.AdminEmail))!;
        Assert.Null(user.DisabledAt);
        Assert.True(await App.WithScopeAsync(s => s.GetRequiredService<UserManager<ApplicationUser>>().IsInRoleAsync(user, Roles.Admin)));

        var second = await CreateMemberAsync("sam@example.com");
        await WithAdminService(u => u.SetAdminAsync(admin, second, true));
        Assert.Equal(ResultStatus.Ok, (await WithAdminService(u => u.SetAdminAsync(admin, admin.UserId, false))).Status);
    }

    [Fact]
    public async Task Deleting_a_user_deletes_or_hands_over_the_books_only_they_own()
    {
        var keep = await CreateMemberAsync("kim@example.com");
        var drop = await CreateMemberAsync("dee@example.com");
        var (keptBook, droppedBook) = await App.WithScopeAsync(async s =>
        {
            var books = s.GetRequiredService<BookService>();
            var accounts = s.GetRequiredService<BlazorLedger.Features.Accounts.AccountService>();
            var postings = s.GetRequiredService<BlazorLedger.Features.Transactions.PostingService>();
            var dropBook = (await books.ListAsync(new Actor(drop))).Single().Id;
            var cash = (await accounts.CreateAsync(new Actor(drop), new(dropBook, "Cash", null, AccountType.Asset, "USD"))).Value!.Id;
            var food = (await accounts.CreateAsync(new Actor(drop), new(dropBook, "Food", null, AccountType.Expense, "USD"))).Value!.Id;
            var tx = await postings.PostAsync(new Actor(drop), new(dropBook, DateOnly.FromDateTime(DateTime.UtcNow), "Lunch", null,
                [new(food, 5_00), new(cash, -5_00)]));
            await postings.VoidAsync(new Actor(drop), dropBook, tx.Value!.Id);
            return ((await books.ListAsync(new Actor(keep))).Single().Id, dropBook);
        });

        var kept = await WithAdminService(u => u.DeleteAsync(admin, keep, SoleOwnedBooks.TransferToMe));
        var dropped = await WithAdminService(u => u.DeleteAsync(admin, drop, SoleOwnedBooks.Delete));

        Assert.True(kept.Succeeded, kept.Message);
        Assert.True(dropped.Succeeded, dropped.Message);
        Assert.Null(await App.FindUserAsync("kim@example.com"));
        Assert.Null(await App.FindUserAsync("dee@example.com"));
        var adminBooks = await App.WithScopeAsync(s => s.GetRequiredService<BookService>().ListAsync(admin));
        Assert.Contains(adminBooks, b => b.Id == keptBook && b.Role == BookRole.Owner);
        await App.WithDbAsync(async db =>
        {
            Assert.False(await db.Books.AnyAsync(b => b.Id == droppedBook));
            Assert.False(await db.Transactions.AnyAsync(t => t.BookId == droppedBook));
            return 0;
        });
        Assert.Equal(2, (await AuditActionsAsync()).Count(a => a == "user.deleted"));
    }

    [Fact]
    public async Task Admin_actions_at_the_same_moment_never_share_a_context()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await CreateMemberAsync($"p{i}@example.com"));
        }

        // Two admins (or one double-clicking) acting at once, each call on its own scope as the circuits would make them.
        var work = Enumerable.Range(0, 32).Select(n => Task.Run(() => WithAdminService(u => (n % 4) switch
        {
            0 => u.SetLockedAsync(admin, ids[n % ids.Count], n % 8 == 0),
            1 => u.SetDisabledAsync(admin, ids[n % ids.Count], n % 3 == 0),
            2 => u.SetAdminAsync(admin, ids[n % ids.Count], n % 5 == 0),
            _ => ListAsync(new UserQuery()).ContinueWith(t => t.Result.Succeeded
                ? Result<UserRow>.Ok(t.Result.Value!.Items[0]) : t.Result.As<UserRow>()),
        })));

        var results = await Task.WhenAll(work);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_the_same_moment_always_leave_one_admin()
    {
        var other = new Actor(await CreateMemberAsync("ada@example.com"));
        await WithAdminService(u => u.SetAdminAsync(admin, other.UserId, true));

        for (var round = 0; round < 10; round++)
        {
            // Each admin removes the other at once, each in their own scope as two circuits (or two app instances) would.
            using var start = new ManualResetEventSlim();
            var demotions = new[] { (By: admin, Of: other), (By: other, Of: admin) }.Select(d => Task.Run(() =>
            {
                start.Wait();
                return WithAdminService(u => u.SetAdminAsync(d.By, d.Of.UserId, false));
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(demotions);

            var admins = await AdminIdsAsync();
            var remaining = Assert.Single(admins);
            Assert.Single(results, r => r.Succeeded);
            Assert.Contains(results, r => r.Status is ResultStatus.Conflict or ResultStatus.Forbidden);
            var demoted = remaining == admin.UserId ? other : admin;
            Assert.True((await WithAdminService(u => u.SetAdminAsync(new Actor(remaining), demoted.UserId, true))).Succeeded);
        }
    }

    private Task<List<string>> AdminIdsAsync() => App.WithScopeAsync(async s =>
        (await s.GetRequiredService<UserManager<ApplicationUser>>().GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Id).ToList());

    [Fact]
    public async Task The_admin_downloads_the_audit_log_as_csv()
    {
        await CreateMemberAsync("csv@example.com");
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, AppHost.AdminEmail, AppHost.AdminPassword);

        var response = await browser.GetAsync("/admin/audit.csv?action=user.created");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id,At,UserId,User,Action", lines[0]);
        Assert.Contains("user.created", Assert.Single(lines.Skip(1)));
    }

    [Fact]
    public async Task A_failure_while_creating_the_personal_book_leaves_no_user_and_no_role_behind()
    {
        // A real failure inside the database, at the last of the three writes (user, role, book).
        await using (var connection = new SqliteConnection($"Data Source={App.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = """CREATE TRIGGER "NoBooks" BEFORE INSERT ON "Books" BEGIN SELECT RAISE(ABORT, 'no books today'); END;""";
            await trigger.ExecuteNonQueryAsync();
        }
        var before = await CountsAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => WithAdminService(u => u.CreateAsync(admin, "nora@example.com", "Nora", false)));
        await Assert.ThrowsAnyAsync<Exception>(() => App.WithScopeAsync(s => s.GetRequiredService<UserManager<ApplicationUser>>()
            .CreateAsync(new ApplicationUser { UserName = "olga@example.com", Email = "olga@example.com", DisplayName = "Olga" }, "Olgas-Own-Pass-1")));

        Assert.Null(await App.FindUserAsync("nora@example.com"));
        Assert.Null(await App.FindUserAsync("olga@example.com"));
        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int Users, int Roles, int Books, int Members)> CountsAsync() => App.WithDbAsync(async db =>
        (await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.Books.CountAsync(), await db.BookMembers.CountAsync()));

    [Fact]
    public async Task A_member_is_refused_every_admin_operation_and_page()
    {
        var id = await CreateMemberAsync("max@example.com");
        var member = new Actor(id);

        Assert.Equal(ResultStatus.Forbidden, (await App.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(member, new UserQuery()))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await WithAdminService(u => u.SetAdminAsync(member, id, true))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await WithAdminService(u => u.DeleteAsync(member, admin.UserId, SoleOwnedBooks.Delete))).Status);
        await App.CreateUserAsync("max2@example.com");
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, "max2@example.com", AppHost.UserPassword);

        foreach (var page in new[] { "/admin", "/admin/users", "/admin/audit", "/admin/outbox", "/admin/settings" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", new Uri(App.BaseAddress, response.Headers.Location!).AbsolutePath);
        }
        Assert.Contains("Chart of accounts", await browser.GetStringAsync("/"));
        var csv = await browser.GetAsync("/admin/audit.csv");
        Assert.Equal("/Account/AccessDenied", new Uri(App.BaseAddress, csv.Headers.Location!).AbsolutePath);
        using var anonymous = App.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin")).StatusCode);
    }
}
