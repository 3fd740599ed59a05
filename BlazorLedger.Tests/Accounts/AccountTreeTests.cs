using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Accounts;

public abstract class AccountTreeTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<AccountDto> CreateAsync(string name, Guid? parent = null, AccountType type = AccountType.Asset, string currency = "USD")
    {
        var result = await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, name, null, type, currency, parent));
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private async Task<AccountDto> GetAsync(Guid id) => (await ledger.Accounts.GetAsync(alice.Actor, alice.BookId, id)).Value!;

    private Task<Result<AccountDto>> MoveAsync(AccountDto account, Guid? parent, AccountType? type = null) =>
        ledger.Accounts.UpdateAsync(alice.Actor, new UpdateAccount(alice.BookId, account.Id, account.Version, account.Name, account.Code,
            type ?? account.Type, account.Currency, parent));

    [DbFact]
    public async Task Roll_ups_are_a_parents_own_balance_plus_all_its_descendants_per_currency()
    {
        var bank = await CreateAsync("Bank");
        var checking = await CreateAsync("Checking", bank.Id);
        var joint = await CreateAsync("Joint", checking.Id);
        var euro = await CreateAsync("Euro account", bank.Id, currency: "EUR");
        var income = await CreateAsync("Salary", type: AccountType.Income);
        var euroIncome = await CreateAsync("Euro salary", type: AccountType.Income, currency: "EUR");
        await ledger.TransferAsync(alice, income.Id, bank.Id, 1_00);
        await ledger.TransferAsync(alice, income.Id, checking.Id, 20_00);
        await ledger.TransferAsync(alice, income.Id, joint.Id, 300_00);
        await ledger.TransferAsync(alice, euroIncome.Id, euro.Id, 4_000_00);

        var chart = (await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!;
        var tree = AccountTree.Build(chart);

        var byName = tree.ToDictionary(n => n.Account.Name);
        List<string> names = ["Bank", "Checking", "Joint", "Euro account"];
        Assert.Equal([0, 1, 2, 1], names.Select(n => byName[n].Depth));
        Assert.Equal(new Dictionary<string, Int128> { ["USD"] = 321_00, ["EUR"] = 4_000_00 }, byName["Bank"].RollUp);
        Assert.Equal(new Dictionary<string, Int128> { ["USD"] = 320_00 }, byName["Checking"].RollUp);
        // Each parent's roll-up is its own balance plus its children's roll-ups.
        foreach (var node in tree.Where(n => n.HasChildren))
        {
            var children = tree.Where(c => c.Account.ParentId == node.Account.Id).SelectMany(c => c.RollUp)
                .Append(new(node.Account.Currency, node.Account.Balance))
                .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Aggregate(Int128.Zero, (sum, p) => sum + p.Value));
            Assert.Equal(children, node.RollUp);
        }
        // Parents come before their children.
        Assert.True(tree.ToList().FindIndex(n => n.Account.Name == "Bank") < tree.ToList().FindIndex(n => n.Account.Name == "Joint"));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_parent_must_be_another_open_account_of_the_same_type_in_the_book_and_never_a_descendant()
    {
        var bank = await CreateAsync("Bank");
        var checking = await CreateAsync("Checking", bank.Id);
        var joint = await CreateAsync("Joint", checking.Id);
        var food = await CreateAsync("Food", type: AccountType.Expense);
        var bob = await ledger.CreateUserAsync("bob");
        var bobs = await ledger.Accounts.CreateAsync(bob.Actor, new CreateAccount(bob.BookId, "Bob's bank", null, AccountType.Asset, "USD"));
        var old = await CreateAsync("Old bank");
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, old.Id, true)).Succeeded);
        var before = await ledger.SnapshotAsync();

        var bankNow = await GetAsync(bank.Id);
        var cases = new (string Case, Func<Task<Result<AccountDto>>> Run)[]
        {
            ("other type", () => ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Groceries", null, AccountType.Expense, "USD", bank.Id))),
            ("other book", () => ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Savings", null, AccountType.Asset, "USD", bobs.Value!.Id))),
            ("archived", () => ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Savings", null, AccountType.Asset, "USD", old.Id))),
            ("itself", () => MoveAsync(bank, bank.Id)),
            ("child", () => MoveAsync(bank, checking.Id)),
            ("grandchild", () => MoveAsync(bank, joint.Id)),
            ("type under same parent", () => MoveAsync(checking, bank.Id, AccountType.Liability)),
            ("type with children", () => MoveAsync(bankNow, null, AccountType.Liability)),
            ("expense under asset", () => MoveAsync(food, bank.Id)),
        };
        foreach (var (name, run) in cases)
        {
            var result = await run();
            Assert.True(result.Status == ResultStatus.Invalid, $"{name}: {result.Status}");
        }

        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(bank.Id, (await GetAsync(checking.Id)).ParentId);
        Assert.Null((await GetAsync(bank.Id)).ParentId);
    }

    [DbFact]
    public async Task Moving_an_account_to_another_parent_or_to_the_top_keeps_its_subtree()
    {
        var bank = await CreateAsync("Bank");
        var savings = await CreateAsync("Savings");
        var checking = await CreateAsync("Checking", bank.Id);
        var joint = await CreateAsync("Joint", checking.Id);

        var moved = await MoveAsync(checking, savings.Id);
        var top = await MoveAsync(await GetAsync(joint.Id), null);

        Assert.Equal(savings.Id, moved.Value!.ParentId);
        Assert.Equal(checking.Version + 1, moved.Value.Version);
        Assert.Null(top.Value!.ParentId);
    }

    [DbFact]
    public async Task A_parent_with_open_sub_accounts_cannot_be_archived_and_a_child_is_not_restored_under_an_archived_parent()
    {
        var bank = await CreateAsync("Bank");
        var checking = await CreateAsync("Checking", bank.Id);

        var parentFirst = await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, bank.Id, true);
        Assert.Equal(ResultStatus.Conflict, parentFirst.Status);
        Assert.Contains("Checking", parentFirst.Message);

        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, checking.Id, true)).Succeeded);
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, bank.Id, true)).Succeeded);
        var childFirst = await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, checking.Id, false);
        Assert.Equal(ResultStatus.Conflict, childFirst.Status);
        Assert.Contains("Bank", childFirst.Message);
    }

    [DbFact]
    public async Task A_parents_register_pages_through_all_its_descendants_postings_newest_first_with_running_balances()
    {
        var bank = await CreateAsync("Bank");
        var checking = await CreateAsync("Checking", bank.Id);
        var joint = await CreateAsync("Joint", checking.Id);
        var other = await CreateAsync("Other");
        var income = await CreateAsync("Salary", type: AccountType.Income);
        var day = new DateOnly(2026, 3, 1);
        var accounts = new[] { bank.Id, checking.Id, joint.Id, other.Id };
        for (var i = 0; i < 17; i++)
        {
            await ledger.TransferAsync(alice, income.Id, accounts[i % 4], (i + 1) * 100, day.AddDays(i % 5), $"Pay {i}");
        }
        var expected = await ExpectedAsync([bank.Id, checking.Id, joint.Id]);

        var rows = new List<RegisterRow>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, bank.Id, 4, cursor))).Value!;
            rows.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(expected.Select(p => p.Id), rows.Select(r => r.PostingId));
        Assert.True(pages >= 4);
        var total = expected.Sum(p => p.Amount);
        Assert.Equal(total, rows[0].RunningBalance);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].RunningBalance - rows[i - 1].Amount, rows[i].RunningBalance);
        }
        Assert.Contains(rows, r => r.AccountName == "Joint");
        Assert.DoesNotContain(rows, r => r.AccountName == "Other");

        // Filtered, the running balances still count the postings between the rows shown.
        var filtered = new List<RegisterRow>();
        cursor = null;
        do
        {
            var page = (await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, bank.Id, 2, cursor, Text: "Pay 1"))).Value!;
            filtered.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(rows.Where(r => r.Description.StartsWith("Pay 1", StringComparison.Ordinal)).Select(r => (r.PostingId, r.RunningBalance)),
            filtered.Select(r => (r.PostingId, r.RunningBalance)));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_roll_up_beyond_64_bits_is_shown_exact_and_the_parents_register_says_why_it_cannot_run_its_balance()
    {
        // Each sub-account's balance fits in 64 bits; together they do not.
        var bank = await CreateAsync("Bank");
        var checking = await CreateAsync("Checking", bank.Id);
        var savings = await CreateAsync("Savings", bank.Id);
        var income = await CreateAsync("Salary", type: AccountType.Income);
        await ledger.TransferAsync(alice, income.Id, checking.Id, 1_00);
        await ledger.TransferAsync(alice, income.Id, savings.Id, 1_00);
        await using (var db = await ledger.DbAsync())
        {
            await db.Accounts.Where(a => a.Id == checking.Id || a.Id == savings.Id)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.Balance, long.MaxValue - 1));
        }

        var tree = AccountTree.Build((await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!);

        var bankRollUp = tree.Single(n => n.Account.Name == "Bank").RollUp["USD"];
        Assert.Equal(2 * (Int128)(long.MaxValue - 1), bankRollUp);
        Assert.Equal("USD 184,467,440,737,095,516.12", Money.FormatWithCode(bankRollUp, "USD", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        var register = await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, bank.Id, 10, null));
        Assert.Equal((ResultStatus.Conflict, RegisterService.TooLarge), (register.Status, register.Message));
        Assert.Equal(ResultStatus.Ok, (await ledger.Register.GetPageAsync(alice.Actor, new RegisterQuery(alice.BookId, checking.Id, 10, null))).Status);
    }

    private async Task<List<Posting>> ExpectedAsync(Guid[] ids)
    {
        await using var db = await ledger.DbAsync();
        return db.Postings.Where(p => ids.Contains(p.AccountId)).AsEnumerable().OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).ToList();
    }
}

public sealed class AccountTreeTestsOnSqlite : AccountTreeTests;

public sealed class AccountTreeTestsOnPostgres : AccountTreeTests, IOnPostgres;
