using System.Net;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Users;

/// <summary>Closing your own account (the real page) and an admin deleting a user take one path with the same rules.</summary>
public sealed class UserDeletionTests : AppHostTest
{
    private async Task<string> CreateUserAsync(string email) => (await App.CreateUserAsync(email)).Id;

    private Task<Guid> PersonalBookAsync(string userId) =>
        App.WithDbAsync(db => db.BookMembers.Where(m => m.UserId == userId).Select(m => m.BookId).SingleAsync());

    private Task<Guid> SharedBookAsync(string ownerId, string name, string memberId) => App.WithScopeAsync(async s =>
    {
        var book = (await s.GetRequiredService<BookService>().CreateAsync(new Actor(ownerId), name, "USD")).Value!;
        await using var db = await s.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        db.BookMembers.Add(new BookMember { BookId = book.Id, UserId = memberId, Role = BookRole.Editor, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return book.Id;
    });

    private static async Task<HttpResponseMessage> CloseAccountAsync(HttpClient browser, string email, string password)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await AppHost.SignInAsync(browser, email, password)).StatusCode);
        return await AppHost.PostFormAsync(browser, "Account/Manage/DeletePersonalData", "delete-user", new() { ["Input.Password"] = password });
    }

    /// <summary>Everything a delete touches, to prove that a refused or failed one changed nothing.</summary>
    private Task<string> SnapshotAsync() => App.WithDbAsync(async db => string.Join(" | ",
        string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync()),
        string.Join(",", await db.UserRoles.OrderBy(r => r.UserId).Select(r => r.UserId + ":" + r.RoleId).ToListAsync()),
        string.Join(",", (await db.BookMembers.Select(m => new { m.BookId, m.UserId, m.Role }).ToListAsync())
            .OrderBy(m => m.BookId).ThenBy(m => m.UserId).Select(m => $"{m.BookId}:{m.UserId}:{m.Role}")),
        string.Join(",", (await db.Books.Select(b => b.Id).ToListAsync()).Order()),
        await db.Accounts.CountAsync(), await db.Transactions.CountAsync(), await db.Postings.CountAsync(), await db.AuditEvents.CountAsync()));

    [Fact]
    public async Task The_last_admin_cannot_close_their_own_account()
    {
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, AppHost.AdminEmail, AppHost.AdminPassword);
        var before = await SnapshotAsync();

        var response = await AppHost.PostFormAsync(browser, "Account/Manage/DeletePersonalData", "delete-user",
            new() { ["Input.Password"] = AppHost.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are the last active administrator", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_sole_owner_of_a_book_others_use_is_refused_and_told_which_book()
    {
        var ann = await CreateUserAsync("ann@example.com");
        var bob = await CreateUserAsync("bob@example.com");
        await SharedBookAsync(ann, "Family budget", bob);
        using var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, "ann@example.com", AppHost.UserPassword);
        var page = await browser.GetStringAsync("Account/Manage/DeletePersonalData");
        var before = await SnapshotAsync();

        var response = await AppHost.PostFormAsync(browser, "Account/Manage/DeletePersonalData", "delete-user", new() { ["Input.Password"] = AppHost.UserPassword });

        Assert.Contains("data-testid=\"blocking-books\"", page);
        Assert.Contains("Family budget", page);
        var refusal = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("You are the only owner of \"Family budget\"", refusal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Closing_your_account_deletes_your_own_books_keeps_shared_ones_and_is_audited()
    {
        var ann = await CreateUserAsync("ann@example.com");
        var bob = await CreateUserAsync("bob@example.com");
        var annsOwn = await PersonalBookAsync(ann);
        var bobsBook = await PersonalBookAsync(bob);
        await App.WithDbAsync(async db =>
        {
            db.BookMembers.Add(new BookMember { BookId = bobsBook, UserId = ann, Role = BookRole.Editor, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var browser = App.NewBrowser();

        var response = await CloseAccountAsync(browser, "ann@example.com", AppHost.UserPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await App.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == ann));
            Assert.False(await db.Books.AnyAsync(b => b.Id == annsOwn));
            Assert.Equal([bob], await db.BookMembers.Where(m => m.BookId == bobsBook).Select(m => m.UserId).ToListAsync());
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "user.deleted");
            Assert.Equal((ann, ann), (audit.UserId, audit.EntityId));
            var details = JsonDocument.Parse(audit.Details).RootElement;
            Assert.True(details.GetProperty("self").GetBoolean());
            Assert.Equal("ann@example.com", details.GetProperty("email").GetString());
            return 0;
        });
    }

    [Theory]
    [InlineData(SoleOwnedBooks.TransferToMe)]
    [InlineData(SoleOwnedBooks.Delete)]
    public async Task A_delete_that_fails_at_the_last_step_leaves_everything_as_it_was(SoleOwnedBooks books)
    {
        var admin = await App.AdminAsync();
        var ann = await CreateUserAsync("ann@example.com");
        var bob = await CreateUserAsync("bob@example.com");
        await SharedBookAsync(ann, "Family budget", bob);
        await using (var connection = new SqliteConnection($"Data Source={App.DatabasePath}"))
        {
            // The user row goes last: failing there means every earlier step (books, memberships, audit) must be undone.
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_user_delete BEFORE DELETE ON AspNetUsers BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;";
            await trigger.ExecuteNonQueryAsync();
        }
        var before = await SnapshotAsync();

        var failure = await Record.ExceptionAsync(() => App.WithScopeAsync(async s =>
        {
            var result = await s.GetRequiredService<UserCommands>().DeleteAsync(admin, ann, books);
            Assert.False(result.Succeeded);
            return result;
        }));

        Assert.NotNull(failure);
        Assert.Equal(before, await SnapshotAsync());
    }
}
