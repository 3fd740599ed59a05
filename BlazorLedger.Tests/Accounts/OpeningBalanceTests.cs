using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Accounts;

public abstract class OpeningBalanceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private Task<Result<AccountDto>> CreateAsync(string name, AccountType type, long? opening, DateOnly? date = null, string currency = "USD") =>
        ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, name, null, type, currency, OpeningBalance: opening, OpeningDate: date));

    private async Task<Account> OpeningAccountAsync(string currency = "USD")
    {
        await using var db = await ledger.DbAsync();
        return await db.Accounts.SingleAsync(a => a.BookId == alice.BookId && a.Purpose == AccountPurpose.OpeningBalances && a.Currency == currency);
    }

    [DbFact]
    public async Task An_opening_balance_is_posted_against_opening_balances_equity_with_the_account_and_balances()
    {
        var checking = await CreateAsync("Checking", AccountType.Asset, 1_250_00, new DateOnly(2026, 1, 1));
        var card = await CreateAsync("Card", AccountType.Liability, 300_00, new DateOnly(2026, 1, 1));

        Assert.Equal(ResultStatus.Created, checking.Status);
        Assert.Equal(1_250_00, checking.Value!.Balance);
        // A liability's positive opening balance is what is owed: a credit, shown as 300.00 owed.
        Assert.Equal(-300_00, card.Value!.Balance);
        Assert.Equal(300_00, AccountPresentation.NaturalBalance(AccountType.Liability, card.Value.Balance));
        var equity = await OpeningAccountAsync();
        Assert.Equal(("Opening balances", AccountType.Equity, -950_00), (equity.Name, equity.Type, equity.Balance));
        await using (var db = await ledger.DbAsync())
        {
            var opened = await db.Transactions.Where(t => t.BookId == alice.BookId).OrderBy(t => t.Number).ToListAsync();
            Assert.Equal(["Opening balance", "Opening balance"], opened.Select(t => t.Description));
            Assert.All(opened, t => Assert.Equal(new DateOnly(2026, 1, 1), t.Date));
        }
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task The_equity_account_is_found_again_by_its_purpose_after_a_rename_and_other_currencies_get_their_own()
    {
        await CreateAsync("Checking", AccountType.Asset, 100_00);
        var equity = await OpeningAccountAsync();
        await ledger.Accounts.UpdateAsync(alice.Actor, new UpdateAccount(alice.BookId, equity.Id, equity.Version, "Equity at start", "3000",
            AccountType.Equity, "USD"));

        await CreateAsync("Savings", AccountType.Asset, 50_00);
        await CreateAsync("Euro cash", AccountType.Asset, 20_00, currency: "EUR");

        var renamed = await OpeningAccountAsync();
        Assert.Equal((equity.Id, "Equity at start", -150_00), (renamed.Id, renamed.Name, renamed.Balance));
        var euro = await OpeningAccountAsync("EUR");
        Assert.Equal(("Opening balances (EUR)", -20_00), (euro.Name, euro.Balance));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_negative_opening_balance_is_an_overdraft_and_zero_posts_nothing()
    {
        var overdrawn = await CreateAsync("Checking", AccountType.Asset, -75_00);
        var empty = await CreateAsync("Wallet", AccountType.Asset, 0);

        Assert.Equal(-75_00, overdrawn.Value!.Balance);
        Assert.Equal(0, empty.Value!.Balance);
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.Transactions.CountAsync());
        await ledger.AssertInvariantsAsync();
    }

    [DbTheory]
    [InlineData(Money.MaxPostingMinor + 1, null, "OpeningBalance")]
    [InlineData(100L, "1899-12-31", "OpeningDate")]
    [InlineData(100L, "2999-01-01", "OpeningDate")]
    public async Task A_bad_opening_balance_is_refused_and_neither_account_nor_posting_is_written(long amount, string? date, string field)
    {
        var before = await ledger.SnapshotAsync();

        var result = await CreateAsync("Checking", AccountType.Asset, amount, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(field, result.Errors.Keys);
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Empty((await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!);
    }

    [DbFact]
    public async Task A_refused_account_leaves_no_opening_balance_behind()
    {
        await CreateAsync("Checking", AccountType.Asset, 10_00);
        var before = await ledger.SnapshotAsync();

        var duplicate = await CreateAsync("checking", AccountType.Asset, 99_00);

        Assert.Equal(ResultStatus.Invalid, duplicate.Status);
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(-10_00, (await OpeningAccountAsync()).Balance);
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_archived_opening_balances_account_is_restored_when_it_is_needed_again()
    {
        var checking = (await CreateAsync("Checking", AccountType.Asset, 10_00)).Value!;
        var equity = await OpeningAccountAsync();
        await ledger.TransferAsync(alice, checking.Id, equity.Id, 10_00);
        Assert.True((await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, equity.Id, true)).Succeeded);

        var savings = await CreateAsync("Savings", AccountType.Asset, 5_00);

        Assert.Equal(ResultStatus.Created, savings.Status);
        var restored = await OpeningAccountAsync();
        Assert.Equal((equity.Id, false, -5_00), (restored.Id, restored.Archived, restored.Balance));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_opening_balance_dated_in_the_closed_period_is_refused_and_creates_no_account()
    {
        Assert.True((await ledger.Books.SetLockDateAsync(alice.Actor, alice.BookId, new DateOnly(2026, 3, 31))).Succeeded);
        var before = await ledger.SnapshotAsync();
        var accounts = (await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!.Count;

        var refused = await CreateAsync("Checking", AccountType.Asset, 100_00, new DateOnly(2026, 3, 31));

        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("lock date, 2026-03-31", refused.Errors[nameof(CreateAccount.OpeningDate)].Single());
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Equal(accounts, (await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!.Count);

        var opened = await CreateAsync("Checking", AccountType.Asset, 100_00, new DateOnly(2026, 4, 1));
        Assert.Equal((ResultStatus.Created, 100_00L), (opened.Status, opened.Value!.Balance));
        await ledger.AssertInvariantsAsync();
    }
}

public sealed class OpeningBalanceTestsOnSqlite : OpeningBalanceTests;

public sealed class OpeningBalanceTestsOnPostgres : OpeningBalanceTests, IOnPostgres;
