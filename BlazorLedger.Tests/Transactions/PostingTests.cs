using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

/// <summary>Posting through the service, on each provider (the SQLite and PostgreSQL halves below).</summary>
public abstract class PostingTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, groceries, euros, eurExpense;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        groceries = await ledger.CreateAccountAsync(alice, "Groceries", AccountType.Expense);
        euros = await ledger.CreateAccountAsync(alice, "Euro wallet", currency: "EUR");
        eurExpense = await ledger.CreateAccountAsync(alice, "Travel", AccountType.Expense, "EUR");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private PostTransaction Transfer(long amount = 12_34, DateOnly? date = null, string description = "Groceries", string? key = null) =>
        new(alice.BookId, date ?? Today, description, "Green Market",
            [new PostingLine(groceries, amount), new PostingLine(checking, -amount)], key);

    [DbFact]
    public async Task Posting_a_balanced_transaction_moves_both_balances_and_writes_an_audit_event()
    {
        var result = await ledger.Postings.PostAsync(alice.Actor, Transfer(12_34));

        Assert.Equal(ResultStatus.Created, result.Status);
        Assert.Equal(12_34, await ledger.BalanceAsync(groceries));
        Assert.Equal(-12_34, await ledger.BalanceAsync(checking));
        var tx = result.Value!;
        Assert.Equal(["Groceries", "Checking"], tx.Postings.Select(p => p.AccountName));
        Assert.Equal([12_34L, -12_34L], tx.Postings.Select(p => p.Amount));
        await using var db = await ledger.DbAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "transaction.posted");
        Assert.Equal(tx.Id.ToString(), audit.EntityId);
        Assert.Equal(alice.UserId, audit.UserId);
        Assert.All(await db.Postings.ToListAsync(), p => Assert.Equal(Today, p.Date));
    }

    [DbFact]
    public async Task Posting_compiles_nothing_and_keeps_to_its_budget_of_commands()
    {
        using var traffic = new DatabaseTraffic();
        await using var quiet = await TestLedger.ForAsync(this);
        var bob = await quiet.CreateUserAsync("bob");
        var (cash, food) = (await quiet.CreateAccountAsync(bob, "Cash"), await quiet.CreateAccountAsync(bob, "Food", AccountType.Expense));
        PostTransaction Lunch(string key) => new(bob.BookId, Today, "Lunch", null, [new PostingLine(food, 9_50), new PostingLine(cash, -9_50)], key);
        await using var db = await quiet.DbAsync();
        var connection = db.Database.GetDbConnection();
        var writer = quiet.Services.GetRequiredService<SqlitePostingWriter>();
        Assert.Equal(ResultStatus.Created, (await quiet.Postings.PostAsync(bob.Actor, Lunch("lunch-1"))).Status);
        var compiled = writer.Compiled;
        traffic.Reset(connection);

        var posted = await quiet.Postings.PostAsync(bob.Actor, Lunch("lunch-2"));

        Assert.Equal(ResultStatus.Created, posted.Status);
        Assert.Equal(2, posted.Value!.Number);
        if (db.Database.IsSqlite())
        {
            // The writer's statements were compiled when its connection opened; a post compiles none and runs nothing through a context.
            Assert.True(compiled > 0);
            Assert.Equal(compiled, writer.Compiled);
            Assert.Equal(0, traffic.CommandsOn(connection));
        }
        else
        {
            // One command that takes the number and reads the role, the key and the accounts; one batch for every write.
            Assert.Equal(0, writer.Compiled);
            Assert.Equal(2, traffic.CommandsOn(connection));
        }
    }

    [DbFact]
    public async Task A_split_over_many_accounts_checks_and_moves_every_one_and_refuses_an_account_of_another_book()
    {
        var rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
        var power = await ledger.CreateAccountAsync(alice, "Power", AccountType.Expense);
        var water = await ledger.CreateAccountAsync(alice, "Water", AccountType.Expense);
        var phone = await ledger.CreateAccountAsync(alice, "Phone", AccountType.Expense);
        var savings = await ledger.CreateAccountAsync(alice, "Savings");
        var expenses = new[] { groceries, rent, power, water, phone };
        PostTransaction Split(Guid last) => new(alice.BookId, Today, "Monthly bills", null,
            [.. expenses.Select((account, i) => new PostingLine(account, (i + 1) * 100)), new PostingLine(checking, -1_000), new PostingLine(last, -500)]);

        var posted = await ledger.Postings.PostAsync(alice.Actor, Split(savings));

        Assert.Equal(ResultStatus.Created, posted.Status);
        var balances = await Task.WhenAll(expenses.Select(ledger.BalanceAsync));
        Assert.Equal(new long[] { 100, 200, 300, 400, 500 }, balances);
        Assert.Equal((-1_000L, -500L), (await ledger.BalanceAsync(checking), await ledger.BalanceAsync(savings)));

        var bob = await ledger.CreateUserAsync("bob");
        var bobsCash = await ledger.CreateAccountAsync(bob, "Bob's cash");
        var before = await ledger.SnapshotAsync();
        var refused = await ledger.Postings.PostAsync(alice.Actor, Split(bobsCash));

        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Contains(refused.Errors, e => e.Key == "Postings[6].AccountId");
        Assert.Equal(before, await ledger.SnapshotAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task Multi_currency_transaction_must_balance_in_each_currency()
    {
        var balanced = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Today, "Trip", null,
        [
            new PostingLine(groceries, 10_00), new PostingLine(checking, -10_00),
            new PostingLine(eurExpense, 7_00), new PostingLine(euros, -7_00),
        ]));
        Assert.Equal(ResultStatus.Created, balanced.Status);

        var before = await ledger.SnapshotAsync();
        // Sums to zero overall, but USD is +3 and EUR is -3: money would appear from nowhere in each currency.
        var crossCurrency = await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Today, "Bad", null,
            [new PostingLine(groceries, 3_00), new PostingLine(euros, -3_00)]));

        Assert.Equal(ResultStatus.Invalid, crossCurrency.Status);
        Assert.Contains(crossCurrency.Errors["Postings"], e => e.Contains("USD") && e.Contains("3.00"));
        Assert.Contains(crossCurrency.Errors["Postings"], e => e.Contains("EUR"));
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    public static TheoryData<string, string> InvalidTransactions => new()
    {
        { "unbalanced", "Postings" },
        { "one posting", "Postings" },
        { "no postings", "Postings" },
        { "zero amount", "Postings[0].Amount" },
        { "amount beyond 10^15", "Postings[0].Amount" },
        { "empty description", "Description" },
        { "whitespace description", "Description" },
        { "201-character description", "Description" },
        { "date before 1900", "Date" },
        { "date more than a year ahead", "Date" },
        { "unknown account", "Postings[1].AccountId" },
        { "101 postings", "Postings" },
        { "201-character memo", "Postings[0].Memo" },
        { "101-character payee", "Payee" },
        { "empty account id", "Postings[0].AccountId" },
        { "NUL in the description", "Description" },
        { "NUL in a memo", "Postings[0].Memo" },
        { "NUL in the payee", "Payee" },
    };

    [DbTheory]
    [MemberData(nameof(InvalidTransactions))]
    public async Task An_invalid_transaction_is_refused_with_a_field_error_and_nothing_is_written(string @case, string field)
    {
        var good = Transfer();
        var command = @case switch
        {
            "unbalanced" => good with { Postings = [new(groceries, 10_00), new(checking, -9_99)] },
            "one posting" => good with { Postings = [new(groceries, 10_00)] },
            "no postings" => good with { Postings = [] },
            "zero amount" => good with { Postings = [new(groceries, 0), new(checking, 0)] },
            "amount beyond 10^15" => good with { Postings = [new(groceries, Money.MaxPostingMinor + 1), new(checking, -Money.MaxPostingMinor - 1)] },
            "empty description" => good with { Description = "" },
            "whitespace description" => good with { Description = "   " },
            "201-character description" => good with { Description = new string('x', 201) },
            "date before 1900" => good with { Date = new DateOnly(1899, 12, 31) },
            "date more than a year ahead" => good with { Date = Today.AddYears(1).AddDays(1) },
            "unknown account" => good with { Postings = [new(groceries, 10_00), new(Guid.CreateVersion7(), -10_00)] },
            "101 postings" => good with { Postings = Enumerable.Range(0, 101).Select(i => new PostingLine(i % 2 == 0 ? groceries : checking, i == 100 ? 0 : (i % 2 == 0 ? 1 : -1))).ToList() },
            "201-character memo" => good with { Postings = [new(groceries, 10_00, new string('m', 201)), new(checking, -10_00)] },
            "101-character payee" => good with { Payee = new string('p', 101) },
            "empty account id" => good with { Postings = [new(Guid.Empty, 10_00), new(checking, -10_00)] },
            "NUL in the description" => good with { Description = "Green\0Market" },
            "NUL in a memo" => good with { Postings = [new(groceries, 10_00, "first\0second"), new(checking, -10_00)] },
            "NUL in the payee" => good with { Payee = "Green\0Market" },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostAsync(alice.Actor, command);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.True(result.Errors.ContainsKey(field), $"{@case}: expected an error on {field}, got {string.Join(", ", result.Errors.Keys)}");
        Assert.NotEmpty(result.Errors[field][0]);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task The_date_limits_themselves_are_accepted()
    {
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.PostAsync(alice.Actor, Transfer(date: new DateOnly(1900, 1, 1)))).Status);
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.PostAsync(alice.Actor, Transfer(date: Today.AddYears(1)))).Status);
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.PostAsync(alice.Actor,
            Transfer(description: new string('d', 200)))).Status);
    }

    [DbFact]
    public async Task An_account_of_another_book_cannot_be_posted_to()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var bobsCash = await ledger.CreateAccountAsync(bob, "Bob's cash");
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostAsync(alice.Actor, Transfer() with
        {
            Postings = [new(groceries, 5_00), new(bobsCash, -5_00)],
        });

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Postings[1].AccountId", result.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(0, await ledger.BalanceAsync(bobsCash));
    }

    [DbFact]
    public async Task An_archived_account_cannot_be_posted_to()
    {
        var old = await ledger.CreateAccountAsync(alice, "Old account");
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, old, true)).Succeeded);
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostAsync(alice.Actor, Transfer() with { Postings = [new(groceries, 1_00), new(old, -1_00)] });

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("archived", result.Errors["Postings[1].AccountId"][0]);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task An_outsider_gets_not_found_and_a_viewer_gets_forbidden_and_nothing_is_written()
    {
        var mallory = await ledger.CreateUserAsync("mallory");
        var viewer = await ledger.CreateUserAsync("victor");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        var before = await ledger.SnapshotAsync();

        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.PostAsync(mallory.Actor, Transfer())).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Postings.PostAsync(viewer.Actor, Transfer())).Status);

        Assert.Equal(before, await ledger.SnapshotAsync());
        var posted = await ledger.TransferAsync(alice, checking, groceries, 1_00);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.VoidAsync(mallory.Actor, alice.BookId, posted.Id)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Postings.VoidAsync(viewer.Actor, alice.BookId, posted.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.GetAsync(mallory.Actor, alice.BookId, posted.Id)).Status);
        Assert.Equal(ResultStatus.Ok, (await ledger.Postings.GetAsync(viewer.Actor, alice.BookId, posted.Id)).Status);
    }

    [DbFact]
    public async Task A_balance_that_would_overflow_64_bits_is_refused_and_nothing_is_written()
    {
        await using (var db = await ledger.DbAsync())
        {
            await db.Accounts.Where(a => a.Id == groceries).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, long.MaxValue - 5));
            await db.Accounts.Where(a => a.Id == checking).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, -(long.MaxValue - 5)));
        }
        var before = await ledger.SnapshotAsync();

        var result = await ledger.Postings.PostAsync(alice.Actor, Transfer(6));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Postings[0].Amount", result.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(long.MaxValue - 5, await ledger.BalanceAsync(groceries));
        Assert.Equal(ResultStatus.Created, (await ledger.Postings.PostAsync(alice.Actor, Transfer(5))).Status);
        Assert.Equal(long.MaxValue, await ledger.BalanceAsync(groceries));
    }

    [DbFact]
    public async Task The_same_idempotency_key_and_content_returns_the_first_transaction()
    {
        var first = await ledger.Postings.PostAsync(alice.Actor, Transfer(key: "form-1"));
        var again = await ledger.Postings.PostAsync(alice.Actor, Transfer(key: "form-1"));

        Assert.Equal(ResultStatus.Created, first.Status);
        Assert.Equal(ResultStatus.Ok, again.Status);
        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.Equal(first.Value.Postings, again.Value.Postings);
        Assert.Equal(12_34, await ledger.BalanceAsync(groceries));
    }

    [DbFact]
    public async Task Two_editors_of_one_book_using_the_same_idempotency_key_each_get_their_own_transaction()
    {
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.AddMemberAsync(alice.BookId, bob, BookRole.Editor);

        var alices = await ledger.Postings.PostAsync(alice.Actor, Transfer(key: "form-1"));
        var bobs = await ledger.Postings.PostAsync(bob.Actor, Transfer(key: "form-1"));
        var alicesReplay = await ledger.Postings.PostAsync(alice.Actor, Transfer(key: "form-1"));
        var bobsReplay = await ledger.Postings.PostAsync(bob.Actor, Transfer(key: "form-1"));
        // Bob's key is his own: with other content it is his conflict, not a window onto Alice's transaction.
        var bobsOther = await ledger.Postings.PostAsync(bob.Actor, Transfer(99_00, key: "form-1"));

        Assert.Equal((ResultStatus.Created, ResultStatus.Created), (alices.Status, bobs.Status));
        Assert.NotEqual(alices.Value!.Id, bobs.Value!.Id);
        Assert.Equal((alice.UserId, bob.UserId), (alices.Value.CreatedById, bobs.Value.CreatedById));
        Assert.Equal((ResultStatus.Ok, alices.Value.Id), (alicesReplay.Status, alicesReplay.Value!.Id));
        Assert.Equal((ResultStatus.Ok, bobs.Value.Id), (bobsReplay.Status, bobsReplay.Value!.Id));
        Assert.Equal(ResultStatus.Conflict, bobsOther.Status);
        Assert.Equal(2 * 12_34, await ledger.BalanceAsync(groceries));
    }

    [DbFact]
    public async Task The_same_idempotency_key_with_different_content_is_a_conflict()
    {
        await ledger.Postings.PostAsync(alice.Actor, Transfer(12_34, key: "form-1"));
        var before = await ledger.SnapshotAsync();

        var other = await ledger.Postings.PostAsync(alice.Actor, Transfer(99_00, key: "form-1"));

        Assert.Equal(ResultStatus.Conflict, other.Status);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task Voiding_posts_a_linked_reversal_and_leaves_the_original_postings_untouched()
    {
        var original = await ledger.TransferAsync(alice, checking, groceries, 40_00);

        var voided = await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, original.Id);

        Assert.Equal(ResultStatus.Created, voided.Status);
        var reversal = voided.Value!;
        Assert.Equal(original.Id, reversal.ReversesId);
        Assert.Equal(original.Date, reversal.Date);
        Assert.Equal(original.Postings.Select(p => -p.Amount), reversal.Postings.Select(p => p.Amount));
        Assert.Equal(0, await ledger.BalanceAsync(groceries));
        Assert.Equal(0, await ledger.BalanceAsync(checking));
        var reloaded = (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, original.Id)).Value!;
        Assert.True(reloaded.IsVoided);
        Assert.Equal(reversal.Id, reloaded.ReversedById);
        Assert.Equal(original.Postings, reloaded.Postings);
        await using var db = await ledger.DbAsync();
        Assert.Equal(4, await db.Postings.CountAsync());
    }

    [DbFact]
    public async Task Voiding_twice_or_voiding_a_reversal_is_refused_and_nothing_is_written()
    {
        var original = await ledger.TransferAsync(alice, checking, groceries, 40_00);
        var reversal = (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, original.Id)).Value!;
        var before = await ledger.SnapshotAsync();

        Assert.Equal(ResultStatus.Conflict, (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, original.Id)).Status);
        Assert.Equal(ResultStatus.Conflict, (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, reversal.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, Guid.CreateVersion7())).Status);
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [DbFact]
    public async Task Transactions_are_numbered_per_book_in_posting_order_and_name_who_posted_them()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var bobsCash = await ledger.CreateAccountAsync(bob, "Cash");
        var bobsFood = await ledger.CreateAccountAsync(bob, "Food", AccountType.Expense);

        var first = await ledger.TransferAsync(alice, checking, groceries, 1_00);
        var second = await ledger.TransferAsync(alice, checking, groceries, 2_00);
        var bobsFirst = await ledger.TransferAsync(bob, bobsCash, bobsFood, 3_00);
        var reversal = (await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, first.Id)).Value!;

        Assert.Equal([1L, 2L, 3L], new[] { first.Number, second.Number, reversal.Number });
        Assert.Equal(1, bobsFirst.Number);
        Assert.Equal("alice", first.CreatedByName);
        Assert.Equal("alice", (await ledger.Postings.GetAsync(alice.Actor, alice.BookId, second.Id)).Value!.CreatedByName);
    }

    [DbFact]
    public async Task Two_books_number_independently_and_refused_posts_take_no_number()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var carol = await ledger.CreateUserAsync("carol");
        await ledger.AddMemberAsync(alice.BookId, carol, BookRole.Viewer);
        var bobsCash = await ledger.CreateAccountAsync(bob, "Cash");
        var bobsFood = await ledger.CreateAccountAsync(bob, "Food", AccountType.Expense);
        var alices = new List<long>();
        var bobs = new List<long>();

        for (var i = 0; i < 3; i++)
        {
            alices.Add((await ledger.TransferAsync(alice, checking, groceries, 1_00)).Number);
            Assert.Equal(ResultStatus.Invalid, (await ledger.Postings.PostAsync(alice.Actor, Transfer() with
                { Postings = [new PostingLine(groceries, 1_00), new PostingLine(checking, -99)] })).Status);
            Assert.Equal(ResultStatus.NotFound, (await ledger.Postings.PostAsync(bob.Actor, Transfer())).Status);
            Assert.Equal(ResultStatus.Forbidden, (await ledger.Postings.PostAsync(carol.Actor, Transfer())).Status);
            bobs.Add((await ledger.TransferAsync(bob, bobsCash, bobsFood, 2_00)).Number);
            Assert.Equal(ResultStatus.Invalid, (await ledger.Postings.PostAsync(bob.Actor, new PostTransaction(bob.BookId, Today, "Mixed", null,
                [new PostingLine(bobsFood, 1_00), new PostingLine(checking, -1_00)]))).Status);
        }
        var coffee = await ledger.TransferAsync(bob, bobsCash, bobsFood, 3_00);
        bobs.Add(coffee.Number);
        bobs.Add((await ledger.Postings.VoidAsync(bob.Actor, bob.BookId, coffee.Id)).Value!.Number);

        Assert.Equal([1L, 2L, 3L], alices);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], bobs);
        await using var db = await ledger.DbAsync();
        Assert.Equal(3, await db.Books.Where(b => b.Id == alice.BookId).Select(b => b.TransactionCount).SingleAsync());
        Assert.Equal(5, await db.Books.Where(b => b.Id == bob.BookId).Select(b => b.TransactionCount).SingleAsync());
    }

    [DbFact]
    public async Task Text_is_trimmed_and_stored_as_submitted_without_interpretation()
    {
        var result = await ledger.Postings.PostAsync(alice.Actor, Transfer(description: "  <script>alert(1)</script>  "));

        Assert.Equal("<script>alert(1)</script>", result.Value!.Description);
    }
}

public sealed class PostingTestsOnSqlite : PostingTests;

public sealed class PostingTestsOnPostgres : PostingTests, IOnPostgres;
