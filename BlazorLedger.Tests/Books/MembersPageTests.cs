using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Books;

public sealed class MembersPageTests : LedgerComponentTest
{
    private TestUser bob = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        bob = await Ledger.CreateUserAsync("bob");
        await Ledger.AddMemberAsync(User.BookId, bob, BookRole.Viewer);
    }

    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<MembersPage>());
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=member-row]").Count));
        return host;
    }

    [Fact]
    public async Task An_owner_invites_by_email_and_sees_the_link_and_the_pending_invitation()
    {
        var host = RenderPage();

        host.Type("invite-email", "carol@example.com");
        host.Choose("invite-role", "Editor");
        host.Find("form:has([data-testid=invite-email])").Submit();

        host.WaitForAssertion(() => Assert.Contains("/invitations/", host.ByTestId("invite-link").TextContent));
        host.WaitForAssertion(() => Assert.Contains("carol@example.com", host.ByTestId("invitation-row").TextContent));
        var pending = (await Ledger.Invitations.ListPendingAsync(User.Actor, User.BookId)).Value!;
        Assert.Equal(BookRole.Editor, Assert.Single(pending).Role);
    }

    [Fact]
    public void An_invalid_address_is_explained_on_the_field()
    {
        var host = RenderPage();

        host.Type("invite-email", "carol");
        host.Find("form:has([data-testid=invite-email])").Submit();

        host.WaitForAssertion(() => Assert.Contains("Enter an e-mail address", host.Markup));
        Assert.Empty(host.FindAll("[data-testid=invite-link]"));
    }

    [Fact]
    public async Task An_owner_changes_a_members_role()
    {
        var host = RenderPage();

        host.Choose("member-role", "Editor", index: 1);

        host.WaitForAssertion(() => Assert.Contains("bob is now editor", host.Find(".mud-snackbar").TextContent));
        Assert.Equal(BookRole.Editor, (await Ledger.Members.ListAsync(User.Actor, User.BookId)).Value!.Single(m => m.UserId == bob.UserId).Role);
    }

    [Fact]
    public async Task The_only_owner_is_told_before_trying_that_they_cannot_leave_and_can_once_there_is_another()
    {
        var host = RenderPage();

        Assert.True(host.ByTestId("leave").HasAttribute("disabled"));
        host.ByTestId("leave").ParentElement!.TriggerEvent("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());
        host.WaitForAssertion(() => Assert.Contains("make someone else an owner before you leave", host.Markup));

        host.Choose("member-role", "Owner", index: 1);
        host.WaitForAssertion(() => Assert.False(host.ByTestId("leave").HasAttribute("disabled")));
        host.ByTestId("leave").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Leave").Click();

        await host.WaitForAssertionAsync(async () =>
            Assert.Equal([bob.UserId], (await Ledger.Members.ListAsync(bob.Actor, User.BookId)).Value!.Select(m => m.UserId)));
    }

    [Fact]
    public void A_viewer_sees_the_members_but_no_controls_except_leaving()
    {
        SignIn(bob, "bob");
        Services.GetRequiredService<CurrentBook>().PreferredId = User.BookId;

        var host = RenderPage();

        Assert.Empty(host.FindAll("[data-testid=invite-email]"));
        Assert.Empty(host.FindAll("[data-testid=member-role]"));
        Assert.Empty(host.FindAll("[data-testid=remove-member]"));
        Assert.Single(host.FindAll("[data-testid=leave]"));
    }

    [Fact]
    public async Task An_owner_sets_the_day_the_books_months_start()
    {
        var host = RenderPage();

        host.Type("month-start-day", "25");
        host.Find("form:has([data-testid=month-start-day])").Submit();

        host.WaitForAssertion(() => Assert.Contains("Months now start on day 25", host.Find(".mud-snackbar").TextContent));
        var calendar = await Services.GetRequiredService<BlazorLedger.Features.Reports.ReportService>().CalendarAsync(User.Actor, User.BookId);
        Assert.Equal(25, calendar.Value!.StartDay);
    }

    [Fact]
    public async Task An_owner_archives_the_book_after_confirming_and_unarchives_it()
    {
        var host = RenderPage();

        host.ByTestId("archive-book").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Archive").Click();

        host.WaitForAssertion(() => Assert.Contains("Unarchive the book", host.ByTestId("archive-book").TextContent));
        Assert.True((await Ledger.Books.GetAsync(User.Actor, User.BookId)).Value!.Archived);
        Assert.True(Services.GetRequiredService<CurrentBook>().Book!.Archived);

        host.ByTestId("archive-book").Click();

        host.WaitForAssertion(() => Assert.Contains("Archive the book", host.ByTestId("archive-book").TextContent));
        Assert.False((await Ledger.Books.GetAsync(User.Actor, User.BookId)).Value!.Archived);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_leaves_the_book_in_use()
    {
        var host = RenderPage();

        host.ByTestId("archive-book").Click();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.Contains("Archive the book", host.ByTestId("archive-book").TextContent);
        Assert.False((await Ledger.Books.GetAsync(User.Actor, User.BookId)).Value!.Archived);
    }

    [Fact]
    public void A_viewer_cannot_archive_the_book()
    {
        SignIn(bob, "bob");
        Services.GetRequiredService<CurrentBook>().PreferredId = User.BookId;

        var host = RenderPage();

        Assert.Empty(host.FindAll("[data-testid=archive-book]"));
    }

    private static readonly DateOnly LockDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);

    [Fact]
    public async Task An_owner_sets_the_lock_date_and_the_page_says_what_is_closed()
    {
        var format = Services.GetRequiredService<BlazorLedger.Features.Users.UserFormat>();
        var host = RenderPage();
        Assert.Contains("Every period is open", host.ByTestId("lock-date-state").TextContent);

        host.Type("lock-date", format.Date(LockDate));
        host.Find("form:has([data-testid=lock-date])").Submit();

        host.WaitForAssertion(() => Assert.Contains($"closed up to and including {format.Date(LockDate)}", host.Find(".mud-snackbar").TextContent));
        host.WaitForAssertion(() => Assert.Contains(format.Date(LockDate.AddDays(1)), host.ByTestId("lock-date-state").TextContent));
        Assert.Equal(LockDate, (await Ledger.Books.GetLockDateAsync(User.Actor, User.BookId)).Value);
        Assert.Equal(LockDate, Services.GetRequiredService<CurrentBook>().Book!.LockDate);
    }

    [Fact]
    public async Task Opening_closed_days_again_asks_first_and_cancelling_keeps_the_lock_date()
    {
        await Ledger.Books.SetLockDateAsync(User.Actor, User.BookId, LockDate);
        var format = Services.GetRequiredService<BlazorLedger.Features.Users.UserFormat>();
        var host = RenderPage();

        host.Type("lock-date", format.Date(LockDate.AddDays(-10)));
        host.Find("form:has([data-testid=lock-date])").Submit();
        host.WaitForAssertion(() => Assert.Contains("Reopen closed days?", host.Find(".mud-dialog").TextContent));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.Equal(LockDate, (await Ledger.Books.GetLockDateAsync(User.Actor, User.BookId)).Value);

        host.Type("lock-date", format.Date(LockDate.AddDays(-10)));
        host.Find("form:has([data-testid=lock-date])").Submit();
        host.WaitForAssertion(() => host.Find(".mud-dialog"));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Reopen").Click();

        host.WaitForAssertion(() => Assert.Contains(format.Date(LockDate.AddDays(-10)), host.ByTestId("lock-date-state").TextContent));
        Assert.Equal(LockDate.AddDays(-10), (await Ledger.Books.GetLockDateAsync(User.Actor, User.BookId)).Value);
    }

    [Fact]
    public async Task A_viewer_sees_the_lock_date_but_cannot_change_it()
    {
        await Ledger.Books.SetLockDateAsync(User.Actor, User.BookId, LockDate);
        SignIn(bob, "bob");
        Services.GetRequiredService<CurrentBook>().PreferredId = User.BookId;
        var format = Services.GetRequiredService<BlazorLedger.Features.Users.UserFormat>();

        var host = RenderPage();

        Assert.Contains($"Closed up to and including {format.Date(LockDate)}", host.ByTestId("lock-date-state").TextContent);
        Assert.Empty(host.FindAll("[data-testid=lock-date]"));
    }
}
