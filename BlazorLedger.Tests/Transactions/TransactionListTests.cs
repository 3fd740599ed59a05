using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

public abstract class TransactionListTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, food, yen, travel;
    private static readonly DateOnly Start = new(2026, 3, 1);

    private TransactionListService List => ledger.Services.GetRequiredService<TransactionListService>();

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        yen = await ledger.CreateAccountAsync(alice, "Yen cash", currency: "JPY");
        travel = await ledger.CreateAccountAsync(alice, "Travel", AccountType.Expense, "JPY");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<List<TransactionListItem>> ReadAllAsync(TransactionQuery query)
    {
        var items = new List<TransactionListItem>();
        string? cursor = null;
        do
        {
            var page = await List.SearchAsync(alice.Actor, query with { Cursor = cursor });
            Assert.True(page.Succeeded, page.Message);
            items.AddRange(page.Value!.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);
        return items;
    }

    private async Task SeedAsync(int count)
    {
        var random = new Random(5);
        for (var i = 0; i < count; i++)
        {
            await ledger.TransferAsync(alice, checking, food, random.Next(1, 50_00), Start.AddDays(random.Next(0, 20)),
                $"{(char)('A' + random.Next(0, 5))} purchase {i}");
        }
    }

    [DbTheory]
    [InlineData(TransactionSort.NewestFirst)]
    [InlineData(TransactionSort.OldestFirst)]
    [InlineData(TransactionSort.DescriptionAToZ)]
    public async Task Paging_in_every_order_lists_each_transaction_once_in_that_order(TransactionSort sort)
    {
        await SeedAsync(33);

        var items = await ReadAllAsync(new TransactionQuery(alice.BookId, Limit: 5, Sort: sort));

        Assert.Equal(33, items.Select(i => i.Id).Distinct().Count());
        Assert.Equal(33, items.Count);
        IEnumerable<TransactionListItem> expected = sort switch
        {
            TransactionSort.OldestFirst => items.OrderBy(i => i.Date).ThenBy(i => i.Number),
            TransactionSort.DescriptionAToZ => items.OrderBy(i => i.Description, StringComparer.Ordinal).ThenBy(i => i.Number),
            _ => items.OrderByDescending(i => i.Date).ThenByDescending(i => i.Number),
        };
        Assert.Equal(expected.Select(i => i.Id), items.Select(i => i.Id));
    }

    [DbFact]
    public async Task Description_order_is_by_code_point_on_every_provider_whatever_the_servers_collation()
    {
        string[] descriptions = ["apple", "Banana", "\u00c4pfel", "cherry", "zebra", "Zulu", "\u00e9clair", "10 apples", "9 pears", "a b", "ab"];
        foreach (var description in descriptions)
        {
            await ledger.TransferAsync(alice, checking, food, 1_00, Start, description);
        }

        var items = await ReadAllAsync(new TransactionQuery(alice.BookId, Limit: 2, Sort: TransactionSort.DescriptionAToZ));

        Assert.Equal(descriptions.Order(StringComparer.Ordinal), items.Select(i => i.Description));
    }

    [DbFact]
    public async Task Filters_by_text_payee_date_range_and_amount_in_the_postings_currency()
    {
        await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Start, "Weekly shop", "Green Market",
            [new PostingLine(food, 12_34, "apples"), new PostingLine(checking, -12_34)]));
        await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Start.AddDays(5), "Sushi", "Sushi Go",
            [new PostingLine(travel, 1234), new PostingLine(yen, -1234)]));
        await ledger.TransferAsync(alice, checking, food, 99_00, Start.AddDays(10), "Other");

        async Task<string[]> Find(TransactionQuery q) => (await ReadAllAsync(q)).Select(i => i.Description).ToArray();

        Assert.Equal(["Weekly shop"], await Find(new(alice.BookId, Text: "APPLES")));
        Assert.Equal(["Sushi"], await Find(new(alice.BookId, Payee: "sushi")));
        Assert.Equal(["Weekly shop"], await Find(new(alice.BookId, Amount: "12.34")));
        Assert.Equal(["Sushi"], await Find(new(alice.BookId, Amount: "1,234")));
        Assert.Equal(["Sushi", "Weekly shop"], await Find(new(alice.BookId, To: Start.AddDays(5))));
        Assert.Equal(["Other", "Sushi"], await Find(new(alice.BookId, From: Start.AddDays(1))));
        Assert.Empty(await Find(new(alice.BookId, Text: "%")));
    }

    [DbFact]
    public async Task Filters_by_account_and_by_an_amount_range_in_each_postings_currency()
    {
        await ledger.TransferAsync(alice, checking, food, 5_00, Start, "Small");
        await ledger.TransferAsync(alice, checking, food, 20_00, Start.AddDays(1), "Middle");
        await ledger.TransferAsync(alice, checking, food, 80_00, Start.AddDays(2), "Large");
        await ledger.TransferAsync(alice, yen, travel, 20, Start.AddDays(3), "Yen twenty");
        var eurCash = await ledger.CreateAccountAsync(alice, "Euro cash", currency: "EUR");
        await ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, Start.AddDays(4), "Split", null,
            [new PostingLine(food, 12_00), new PostingLine(eurCash, 3_00), new PostingLine(checking, -12_00), new PostingLine(eurCash, -3_00)]));

        async Task<string[]> Find(TransactionQuery q) => (await ReadAllAsync(q)).Select(i => i.Description).ToArray();

        Assert.Equal(["Yen twenty"], await Find(new(alice.BookId, Account: travel)));
        Assert.Equal(["Split"], await Find(new(alice.BookId, Account: eurCash)));
        Assert.Equal(["Middle", "Small"], await Find(new(alice.BookId, Account: food, To: Start.AddDays(1))));
        Assert.Equal(["Split", "Yen twenty", "Middle"], await Find(new(alice.BookId, MinAmount: "12", MaxAmount: "20")));
        Assert.Equal(["Split", "Small"], await Find(new(alice.BookId, MaxAmount: "5")));
        Assert.Equal(["Large"], await Find(new(alice.BookId, MinAmount: "20.01")));
        Assert.Equal(["Middle"], await Find(new(alice.BookId, Account: checking, MinAmount: "19.99", MaxAmount: "20")));
        Assert.Equal(["Large"], await Find(new(alice.BookId, MinAmount: "80,00", Culture: System.Globalization.CultureInfo.GetCultureInfo("de-DE"))));
    }

    [DbFact]
    public async Task A_parent_account_filter_finds_its_sub_accounts_transactions_too()
    {
        var groceries = await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Groceries", null, AccountType.Expense, "USD", food));
        var bakery = await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Bakery", null, AccountType.Expense, "USD", groceries.Value!.Id));
        await ledger.TransferAsync(alice, checking, food, 5_00, Start, "Food itself");
        await ledger.TransferAsync(alice, checking, groceries.Value.Id, 6_00, Start.AddDays(1), "Groceries");
        await ledger.TransferAsync(alice, checking, bakery.Value!.Id, 7_00, Start.AddDays(2), "Bread");
        await ledger.TransferAsync(alice, yen, travel, 20, Start.AddDays(3), "Elsewhere");

        async Task<string[]> Find(TransactionQuery q) => (await ReadAllAsync(q)).Select(i => i.Description).ToArray();

        Assert.Equal(["Bread", "Groceries", "Food itself"], await Find(new(alice.BookId, Account: food)));
        Assert.Equal(["Bread", "Groceries"], await Find(new(alice.BookId, Account: groceries.Value.Id)));
        Assert.Equal(["Groceries"], await Find(new(alice.BookId, Account: groceries.Value.Id, To: Start.AddDays(1))));
        Assert.Equal(["Bread"], await Find(new(alice.BookId, Account: bakery.Value.Id)));
    }

    [DbFact]
    public async Task Another_books_account_an_unreadable_or_reversed_amount_range_are_refused_with_the_field()
    {
        var bob = await ledger.CreateUserAsync("bob");
        var bobs = await ledger.CreateAccountAsync(bob, "Bob cash");

        var otherBook = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Account: bobs));
        var unreadable = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, MinAmount: "lots"));
        var reversed = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, MinAmount: "10", MaxAmount: "5"));

        Assert.Contains("Account", otherBook.Errors.Keys);
        Assert.Contains("MinAmount", unreadable.Errors.Keys);
        Assert.Contains("MaxAmount", reversed.Errors.Keys);
    }

    [DbFact]
    public async Task Items_show_their_legs_totals_and_void_state()
    {
        var tx = await ledger.TransferAsync(alice, checking, food, 7_50, Start, "Lunch");
        await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, tx.Id);

        var items = await ReadAllAsync(new TransactionQuery(alice.BookId));

        var original = items.Single(i => i.Id == tx.Id);
        Assert.True(original.IsVoided);
        Assert.Equal([("USD", 7_50L)], original.Totals);
        Assert.Equal(["Food", "Checking"], original.Legs.Select(l => l.AccountName));
        Assert.True(items.Single(i => i.Id != tx.Id).IsReversal);
    }

    [DbTheory]
    [InlineData("abc")]
    [InlineData("1e9999")]
    public async Task A_bad_amount_filter_is_refused_with_a_message(string amount)
    {
        var result = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Amount: amount));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Amount", result.Errors.Keys);
    }

    [DbTheory]
    [InlineData("1000000000000001", "\"1000000000000001\" is too large.")]
    [InlineData("99999999999999999999999999", "too large")]
    [InlineData("12,50", "the comma only separates thousands; write 12.50.")]
    [InlineData("1,2,3", "the comma only separates thousands")]
    public async Task A_huge_or_ambiguous_amount_filter_is_refused_with_the_parsers_message_instead_of_throwing(string amount, string message)
    {
        var result = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Amount: amount));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(message, Assert.Single(result.Errors["Amount"]));
    }

    [DbTheory]
    [InlineData("999999999999999")]
    [InlineData("1000000000000000")]
    [InlineData("-1,000,000,000,000,000")]
    public async Task The_largest_amounts_any_currency_can_hold_are_searched_for_without_overflowing(string amount)
    {
        await ledger.TransferAsync(alice, yen, travel, 1_000_000_000_000_000, Start, "Yacht");

        var found = await ReadAllAsync(new TransactionQuery(alice.BookId, Amount: amount));

        string[] expected = amount.EndsWith('9') ? [] : ["Yacht"];
        Assert.Equal(expected, found.Select(i => i.Description));
    }

    [DbFact]
    public async Task The_amount_filter_reads_the_readers_own_format()
    {
        await ledger.TransferAsync(alice, checking, food, 1_234_50, Start, "Rent");
        await ledger.TransferAsync(alice, checking, food, 12_34, Start, "Snack");
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");

        var rent = await ReadAllAsync(new TransactionQuery(alice.BookId, Amount: "1.234,5", Culture: german));
        var refused = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Amount: "12.34", Culture: german));

        Assert.Equal(["Rent"], rent.Select(i => i.Description));
        Assert.Contains("write 12,34", refused.Errors["Amount"][0]);
    }

    [DbFact]
    public async Task A_cursor_from_another_order_or_tampered_is_refused_and_outsiders_get_not_found()
    {
        await SeedAsync(3);
        var first = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Limit: 1));
        var mallory = await ledger.CreateUserAsync("mallory");

        var otherOrder = await List.SearchAsync(alice.Actor,
            new TransactionQuery(alice.BookId, Limit: 1, Cursor: first.Value!.NextCursor, Sort: TransactionSort.OldestFirst));
        var tampered = await List.SearchAsync(alice.Actor, new TransactionQuery(alice.BookId, Cursor: "bm9wZQ"));
        var outsider = await List.SearchAsync(mallory.Actor, new TransactionQuery(alice.BookId));

        Assert.Equal(ResultStatus.Invalid, otherOrder.Status);
        Assert.Equal(ResultStatus.Invalid, tampered.Status);
        Assert.Equal(ResultStatus.NotFound, outsider.Status);
    }
}

public sealed class TransactionListTestsOnSqlite : TransactionListTests;

public sealed class TransactionListTestsOnPostgres : TransactionListTests, IOnPostgres;
