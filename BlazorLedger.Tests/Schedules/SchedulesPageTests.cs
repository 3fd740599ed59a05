using BlazorLedger.Data;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Schedules;

public sealed class SchedulesPageTests : LedgerComponentTest
{
    private Guid checking;
    private Guid rent;

    private ScheduleService Schedules => Services.GetRequiredService<ScheduleService>();
    private UserFormat Format => Services.GetRequiredService<UserFormat>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        checking = await Ledger.CreateAccountAsync(User, "Checking");
        rent = await Ledger.CreateAccountAsync(User, "Rent", AccountType.Expense);
    }

    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<SchedulesPage>());
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=loading]")));
        return host;
    }

    [Fact]
    public async Task An_editor_schedules_the_rent_on_the_last_day_of_each_month_and_sees_its_next_dates()
    {
        var host = RenderPage();
        Assert.NotNull(host.ByTestId("schedules-empty"));

        host.Type("schedule-description", "Rent");
        host.Choose("schedule-from", "Checking (USD)");
        host.Choose("schedule-to", "Rent (USD)");
        host.Type("schedule-amount", "1,250.00");
        host.Find("input[data-testid=schedule-last-day]").Change(true);
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=schedule-row]")));
        var stored = (await Schedules.ListAsync(User.Actor, User.BookId)).Value!.Single();
        Assert.Equal((ScheduleUnit.Month, 1, true), (stored.Unit, stored.Every, stored.LastDayOfMonth));
        Assert.Equal([(rent, 1_250_00L), (checking, -1_250_00L)], stored.Lines.Select(l => (l.AccountId, l.Amount)));
        Assert.Equal("Every month, on the last day", host.ByTestId("schedule-repeats").TextContent.Trim());
        Assert.Equal(string.Join(", ", stored.NextDates.Select(Format.Date)), host.ByTestId("schedule-next").TextContent.Trim());
        Assert.NotNull(host.ByTestId("upcoming-table"));
    }

    [Fact]
    public async Task Accounts_of_two_currencies_and_an_unreadable_amount_are_explained_beside_the_fields()
    {
        await Ledger.CreateAccountAsync(User, "Euro cash", currency: "EUR");
        var host = RenderPage();

        host.Type("schedule-description", "Mixed");
        host.Choose("schedule-from", "Checking (USD)");
        host.Choose("schedule-to", "Euro cash (EUR)");
        host.Type("schedule-amount", "12.345");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("USD and EUR differ", host.Markup, StringComparison.Ordinal));
        Assert.Contains("decimal", host.Find(".mud-input-control:has([data-testid=schedule-amount])").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(host.ByTestId("schedules-empty"));
    }

    [Fact]
    public async Task Post_now_posts_the_next_occurrence_once_and_skip_moves_past_the_one_after()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await Schedules.CreateAsync(User.Actor, new CreateSchedule(User.BookId, "Gym", null,
            [new PostingLine(rent, 30_00), new PostingLine(checking, -30_00)], new Recurrence(today.AddDays(3), ScheduleUnit.Week, 1)));
        Assert.True(created.Succeeded, created.Message);
        var host = RenderPage();

        host.ByTestId("schedule-post-now").Click();
        host.WaitForAssertion(() => Assert.Contains(Format.Date(today.AddDays(10)), host.ByTestId("schedule-next").TextContent));
        host.ByTestId("schedule-skip").Click();
        host.WaitForAssertion(() => Assert.StartsWith(Format.Date(today.AddDays(17)), host.ByTestId("schedule-next").TextContent.Trim()));

        await using var db = await Ledger.DbAsync();
        var posted = await db.Transactions.Where(t => t.BookId == User.BookId).ToListAsync();
        Assert.Equal((today, ScheduleService.KeyFor(created.Value!.Id, today.AddDays(3))), (posted.Single().Date, posted.Single().IdempotencyKey));
    }
}
