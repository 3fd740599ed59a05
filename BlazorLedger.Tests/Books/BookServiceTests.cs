using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
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
}

public sealed class BookServiceTestsOnSqlite : BookServiceTests;

public sealed class BookServiceTestsOnPostgres : BookServiceTests, IOnPostgres;
