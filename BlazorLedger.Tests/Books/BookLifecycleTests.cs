using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Books;

/// <summary>New books from templates, archiving (an archived book refuses every write to what it holds), renaming and leaving, on each provider.</summary>
public abstract class BookLifecycleTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<IReadOnlyList<AccountDto>> AccountsAsync(Guid bookId) => (await ledger.Accounts.ListAsync(alice.Actor, bookId)).Value!;

    [DbTheory]
    [InlineData(BookTemplate.Household)]
    [InlineData(BookTemplate.SmallBusiness)]
    [InlineData(BookTemplate.Empty)]
    public async Task A_new_book_starts_with_its_templates_accounts_in_its_currency(BookTemplate template)
    {
        var result = await ledger.Books.CreateAsync(alice.Actor, new CreateBook("  Family 2027 ", "eur", template));

        Assert.Equal(ResultStatus.Created, result.Status);
        var book = result.Value!;
        Assert.Equal(("Family 2027", "EUR", BookRole.Owner, false), (book.Name, book.BaseCurrency, book.Role, book.Archived));
        var accounts = await AccountsAsync(book.Id);
        var expected = BookTemplates.AccountsOf(template);
        Assert.Equal(expected.Select(a => (a.Name, a.Code, a.Type)).Order(), accounts.Select(a => (a.Name, a.Code, a.Type)).Order());
        Assert.All(accounts, a => Assert.Equal(("EUR", 0L), (a.Currency, a.Balance)));
        Assert.Contains(book.Id, (await ledger.Books.ListAsync(alice.Actor)).Select(b => b.Id));
        await using var db = await ledger.DbAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.BookCreated && e.BookId == book.Id);
        Assert.Contains(template.ToString(), audit.Details);
    }

    [DbFact]
    public async Task The_templates_accounts_can_be_posted_to_at_once_and_the_ledger_stays_balanced()
    {
        var book = (await ledger.Books.CreateAsync(alice.Actor, new CreateBook("Shop", "USD", BookTemplate.SmallBusiness))).Value!;
        var accounts = await AccountsAsync(book.Id);
        Guid Id(string name) => accounts.Single(a => a.Name == name).Id;

        await ledger.TransferAsync(alice, Id("Owner's capital"), Id("Bank account"), 10_000_00, bookId: book.Id);
        await ledger.TransferAsync(alice, Id("Bank account"), Id("Rent"), 1_200_00, bookId: book.Id);

        Assert.Equal(8_800_00, await ledger.BalanceAsync(Id("Bank account")));
        await ledger.AssertInvariantsAsync();
    }

    [DbTheory]
    [InlineData("", "USD", BookTemplate.Household, "Name")]
    [InlineData("\u202Ekoob s'eciLA", "USD", BookTemplate.Household, "Name")] // a right-to-left override: the name shows reversed
    [InlineData("Shop", "DOLLARS", BookTemplate.Household, "BaseCurrency")]
    [InlineData("Shop", "USD", (BookTemplate)42, "Template")]
    public async Task An_invalid_new_book_is_refused_and_nothing_is_written(string name, string currency, BookTemplate template, string field)
    {
        var before = await ledger.SnapshotAsync();
        await using (var db = await ledger.DbAsync())
        {
            var (books, accounts) = (await db.Books.CountAsync(), await db.Accounts.CountAsync());

            var result = await ledger.Books.CreateAsync(alice.Actor, new CreateBook(name, currency, template));

            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.Equal([field], result.Errors.Keys);
            Assert.Equal((books, accounts), (await db.Books.CountAsync(), await db.Accounts.CountAsync()));
        }
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task An_archived_book_refuses_posting_voiding_batches_and_account_changes_with_a_clear_message_and_writes_nothing()
    {
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        var lunch = await ledger.TransferAsync(alice, cash, food, 12_50);
        Assert.True((await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true)).Succeeded);
        var before = await ledger.SnapshotAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var transfer = new PostTransaction(alice.BookId, today, "Dinner", null, [new PostingLine(food, 5_00), new PostingLine(cash, -5_00)]);

        static (string, ResultStatus, string?) Outcome<T>(string what, Result<T> result) => (what, result.Status, result.Message);
        var refused = new[]
        {
            Outcome("post", await ledger.Postings.PostAsync(alice.Actor, transfer)),
            Outcome("batch", await ledger.Postings.PostManyAsync(alice.Actor, new PostMany(alice.BookId, [transfer with { IdempotencyKey = "k1" }]))),
            Outcome("void", await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, lunch.Id)),
            Outcome("new account", await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Bank", null, AccountType.Asset, "USD"))),
            Outcome("archive account", await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, food, true)),
        };

        Assert.All(refused, r => Assert.Equal((r.Item1, ResultStatus.Conflict, BookAccess.ArchivedMessage), r));
        Assert.Equal(before, await ledger.SnapshotAsync());
        // Reading goes on as before.
        Assert.Equal(2, (await AccountsAsync(alice.BookId)).Count);
        Assert.Equal(-12_50, await ledger.BalanceAsync(cash));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Unarchiving_opens_the_book_again_and_both_steps_are_audited_once()
    {
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);

        var archived = await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true);
        var again = await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true);
        Assert.True(archived.Value!.Archived && again.Value!.Archived);
        Assert.True((await ledger.Books.ListAsync(alice.Actor)).Single().Archived);
        var opened = await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: false);

        Assert.False(opened.Value!.Archived);
        Assert.False((await ledger.Books.GetAsync(alice.Actor, alice.BookId)).Value!.Archived);
        await ledger.TransferAsync(alice, cash, food, 3_00);
        await using var db = await ledger.DbAsync();
        var actions = await db.AuditEvents.Where(e => e.BookId == alice.BookId && e.EntityType == nameof(Book)).Select(e => e.Action).ToListAsync();
        Assert.Equal(1, actions.Count(a => a == AuditActions.BookArchived));
        Assert.Equal(1, actions.Count(a => a == AuditActions.BookUnarchived));
        Assert.Null((await db.Books.SingleAsync(b => b.Id == alice.BookId)).ArchivedAt);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_owner_renames_an_archived_book_and_it_stays_archived()
    {
        await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true);

        var result = await ledger.Books.UpdateAsync(alice.Actor, alice.BookId, new UpdateBook(Name: "Old household"));

        Assert.True(result.Succeeded, result.Message);
        var book = (await ledger.Books.GetAsync(alice.Actor, alice.BookId)).Value!;
        Assert.Equal(("Old household", true), (book.Name, book.Archived));
    }

    [DbTheory]
    [InlineData(BookRole.Editor, ResultStatus.Forbidden)]
    [InlineData(BookRole.Viewer, ResultStatus.Forbidden)]
    [InlineData(null, ResultStatus.NotFound)]
    public async Task Only_an_owner_archives_or_renames_a_book(BookRole? role, ResultStatus expected)
    {
        var bob = await ledger.CreateUserAsync("bob");
        if (role is { } r)
        {
            await ledger.AddMemberAsync(alice.BookId, bob, r);
        }
        var before = await ledger.SnapshotAsync();

        var archive = await ledger.Books.SetArchivedAsync(bob.Actor, alice.BookId, archived: true);
        var rename = await ledger.Books.RenameAsync(bob.Actor, alice.BookId, "Mine now");

        Assert.Equal((expected, expected), (archive.Status, rename.Status));
        var book = (await ledger.Books.GetAsync(alice.Actor, alice.BookId)).Value!;
        Assert.Equal(("alice's book", false), (book.Name, book.Archived));
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task A_member_leaves_a_book_and_no_longer_sees_it_but_the_last_owner_cannot_leave()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);

        var left = await ledger.Members.RemoveAsync(bob.Actor, alice.BookId, bob.UserId);
        var stays = await ledger.Members.RemoveAsync(alice.Actor, alice.BookId, alice.UserId);

        Assert.True(left.Succeeded, left.Message);
        Assert.DoesNotContain(alice.BookId, (await ledger.Books.ListAsync(bob.Actor)).Select(b => b.Id));
        Assert.Equal(ResultStatus.NotFound, (await ledger.Books.GetAsync(bob.Actor, alice.BookId)).Status);
        Assert.Equal(ResultStatus.Conflict, stays.Status);
        Assert.Contains("last owner", stays.Message);
        Assert.Equal(alice.UserId, Assert.Single((await ledger.Members.ListAsync(alice.Actor, alice.BookId)).Value!).UserId);
    }

    [DbFact]
    public async Task A_member_may_leave_an_archived_book()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Viewer);
        await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true);

        var left = await ledger.Members.RemoveAsync(bob.Actor, alice.BookId, bob.UserId);

        Assert.True(left.Succeeded, left.Message);
        Assert.Single((await ledger.Members.ListAsync(alice.Actor, alice.BookId)).Value!);
    }

    [DbFact]
    public async Task Without_a_remembered_book_the_working_book_is_one_in_use_not_an_archived_one()
    {
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        await ledger.TransferAsync(alice, cash, food, 1_00);
        var quiet = (await ledger.Books.CreateAsync(alice.Actor, new CreateBook("Quiet", "USD"))).Value!;
        await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true);

        var current = new CurrentBook(ledger.Books);

        Assert.Equal(quiet.Id, (await current.EnsureAsync(alice.Actor))!.Id);
        Assert.Equal(alice.BookId, (await new CurrentBook(ledger.Books) { PreferredId = alice.BookId }.EnsureAsync(alice.Actor))!.Id);
    }

    [DbFact]
    public async Task Reloading_after_archiving_stays_in_the_working_book_unless_another_is_preferred()
    {
        var other = (await ledger.Books.CreateAsync(alice.Actor, new CreateBook("Other", "USD"))).Value!;
        var current = new CurrentBook(ledger.Books);
        Assert.Equal(alice.BookId, (await current.EnsureAsync(alice.Actor))!.Id);
        await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, archived: true);

        await current.ReloadAsync(alice.Actor);
        Assert.Equal((alice.BookId, true), (current.Book!.Id, current.Book.Archived));

        current.PreferredId = other.Id;
        await current.ReloadAsync(alice.Actor);
        Assert.Equal(other.Id, current.Book!.Id);
    }
}

public sealed class BookLifecycleTestsOnSqlite : BookLifecycleTests;

public sealed class BookLifecycleTestsOnPostgres : BookLifecycleTests, IOnPostgres;
