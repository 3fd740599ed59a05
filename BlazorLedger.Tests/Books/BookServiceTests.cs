using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;

namespace BlazorLedger.Tests.Books;

public abstract class BookServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task A_new_user_owns_a_personal_book_in_the_default_currency()
    {
        var books = await ledger.Books.ListAsync(alice.Actor);

        var book = Assert.Single(books);
        Assert.Equal("alice's book", book.Name);
        Assert.Equal("USD", book.BaseCurrency);
        Assert.Equal(BookRole.Owner, book.Role);
    }

    [DbFact]
    public async Task A_user_sees_only_the_books_they_belong_to()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(bob.BookId, alice, BookRole.Viewer);

        var books = await ledger.Books.ListAsync(alice.Actor);
        var bobs = await ledger.Books.ListAsync(bob.Actor);

        Assert.Equal(["alice's book", "bob's book"], books.Select(b => b.Name));
        Assert.Equal(BookRole.Viewer, books.Single(b => b.Id == bob.BookId).Role);
        Assert.Single(bobs);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Books.GetAsync(bob.Actor, alice.BookId)).Status);
    }

    [DbTheory]
    [InlineData("", "USD", "Name")]
    [InlineData("Household", "DOLLARS", "BaseCurrency")]
    public async Task An_invalid_book_is_refused(string name, string currency, string field)
    {
        var result = await ledger.Books.CreateAsync(alice.Actor, name, currency);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(field, result.Errors.Keys);
        Assert.Single(await ledger.Books.ListAsync(alice.Actor));
    }

    [DbFact]
    public async Task The_working_book_is_the_remembered_one_else_the_most_recently_active()
    {
        var active = (await ledger.Books.CreateAsync(alice.Actor, "Zoo", "EUR")).Value!;
        var cash = await ledger.CreateAccountAsync(alice, "Cash", currency: "EUR", bookId: active.Id);
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense, "EUR", bookId: active.Id);
        await ledger.TransferAsync(alice, cash, food, 1_00, bookId: active.Id);

        var fresh = new CurrentBook(ledger.Books);
        var remembered = new CurrentBook(ledger.Books) { PreferredId = alice.BookId };

        Assert.Equal(active.Id, (await fresh.EnsureAsync(alice.Actor))!.Id);
        Assert.Equal(alice.BookId, (await remembered.EnsureAsync(alice.Actor))!.Id);
    }

    [DbFact]
    public async Task An_owner_sets_the_financial_months_start_day_and_it_is_audited()
    {
        var result = await ledger.Books.SetMonthStartDayAsync(alice.Actor, alice.BookId, 25);

        Assert.True(result.Succeeded, result.Message);
        var calendar = (await ledger.Services.GetRequiredService<ReportService>().CalendarAsync(alice.Actor, alice.BookId)).Value!;
        Assert.Equal(25, calendar.StartDay);
        await using var db = await ledger.DbAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.BookMonthStartChanged);
        Assert.Equal(alice.BookId, audit.BookId);
        Assert.Contains("25", audit.Details);
    }

    [DbTheory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(-3)]
    public async Task A_start_day_that_not_every_month_has_is_refused(int day)
    {
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Books.SetMonthStartDayAsync(alice.Actor, alice.BookId, day);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("MonthStartDay", result.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(1, (await ledger.Services.GetRequiredService<ReportService>().CalendarAsync(alice.Actor, alice.BookId)).Value!.StartDay);
    }

    [DbTheory]
    [InlineData(BookRole.Editor, ResultStatus.Forbidden)]
    [InlineData(BookRole.Viewer, ResultStatus.Forbidden)]
    [InlineData(null, ResultStatus.NotFound)]
    public async Task Only_an_owner_sets_the_start_day(BookRole? role, ResultStatus expected)
    {
        var bob = await ledger.CreateUserAsync("bob");
        if (role is { } r)
        {
            await ledger.AddMemberAsync(alice.BookId, bob, r);
        }

        var result = await ledger.Books.SetMonthStartDayAsync(bob.Actor, alice.BookId, 25);

        Assert.Equal(expected, result.Status);
        Assert.Equal(1, (await ledger.Services.GetRequiredService<ReportService>().CalendarAsync(alice.Actor, alice.BookId)).Value!.StartDay);
    }
}

public sealed class BookServiceTestsOnSqlite : BookServiceTests;

public sealed class BookServiceTestsOnPostgres : BookServiceTests, IOnPostgres;
