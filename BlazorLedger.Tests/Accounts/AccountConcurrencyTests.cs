using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Accounts;

/// <summary>The rules about accounts hold when many people change one book's accounts at the same moment.</summary>
public abstract class AccountConcurrencyTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, concurrent: true);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [DbFact]
    public async Task Accounts_created_at_once_under_one_name_in_any_case_make_exactly_one_account()
    {
        string[] spellings = ["Cash", "cash", "CASH", " Cash ", "cAsH", "Cash"];

        var results = await AllAtOnce.RunAsync(12, i => ledger.Accounts.CreateAsync(alice.Actor,
            new CreateAccount(alice.BookId, spellings[i % spellings.Length], null, AccountType.Asset, "USD")));

        Assert.Single(results, r => r.Status == ResultStatus.Created);
        Assert.All(results.Where(r => r.Status != ResultStatus.Created), r =>
        {
            Assert.Equal(ResultStatus.Invalid, r.Status);
            Assert.Contains("already exists", Assert.Single(r.Errors[nameof(CreateAccount.Name)]));
        });
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.Accounts.CountAsync(a => a.BookId == alice.BookId));
    }

    [DbFact]
    public async Task Accounts_renamed_at_once_to_one_name_end_with_exactly_one_of_that_name()
    {
        var accounts = new List<AccountDto>();
        for (var i = 0; i < 12; i++)
        {
            accounts.Add((await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, $"Account {i}", null, AccountType.Asset, "USD"))).Value!);
        }

        var results = await AllAtOnce.RunAsync(accounts.Count, i => ledger.Accounts.UpdateAsync(alice.Actor,
            new UpdateAccount(alice.BookId, accounts[i].Id, accounts[i].Version, i % 2 == 0 ? "Savings" : "SAVINGS", null, AccountType.Asset, "USD")));

        Assert.Single(results, r => r.Status == ResultStatus.Ok);
        Assert.All(results.Where(r => r.Status != ResultStatus.Ok), r => Assert.Contains("already exists", r.Errors[nameof(UpdateAccount.Name)][0]));
        await using var db = await ledger.DbAsync();
        var names = await db.Accounts.Where(a => a.BookId == alice.BookId).Select(a => a.Name).ToListAsync();
        Assert.Single(names, n => n.Equals("savings", StringComparison.OrdinalIgnoreCase));
    }

    [DbFact]
    public async Task An_account_archived_while_posts_reach_it_is_archived_only_at_a_zero_balance()
    {
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var income = await ledger.CreateAccountAsync(alice, "Income", AccountType.Income);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        for (var round = 0; round < 4; round++)
        {
            var archive = Task.Run(() => ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, cash, archived: true));
            var posts = await AllAtOnce.RunAsync(8, i => ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, today,
                $"Pay {round}/{i}", null, [new PostingLine(cash, 1_00), new PostingLine(income, -1_00)])));
            var archived = await archive;

            Assert.All(posts, p => Assert.True(p.Status is ResultStatus.Created or ResultStatus.Invalid, p.Message));
            await using var db = await ledger.DbAsync();
            var stored = await db.Accounts.Where(a => a.Id == cash).Select(a => new { a.Archived, a.Balance }).SingleAsync();
            Assert.True(!stored.Archived || stored.Balance == 0, $"Round {round}: archived with a balance of {stored.Balance} ({archived.Status}).");
            if (stored.Archived)
            {
                Assert.All(posts, p => Assert.Equal(ResultStatus.Invalid, p.Status));
                await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, cash, archived: false);
            }
            else if (stored.Balance != 0)
            {
                await ledger.TransferAsync(alice, cash, income, stored.Balance);
            }
        }
    }
}

public sealed class AccountConcurrencyTestsOnSqlite : AccountConcurrencyTests;

public sealed class AccountConcurrencyTestsOnPostgres : AccountConcurrencyTests, IOnPostgres;
