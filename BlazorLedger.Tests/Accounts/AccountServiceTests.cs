using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;

namespace BlazorLedger.Tests.Accounts;

public abstract class AccountServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private Task<Result<AccountDto>> CreateAsync(string name, string currency = "USD", string? code = null, AccountType type = AccountType.Asset) =>
        ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, name, code, type, currency));

    [DbFact]
    public async Task Created_accounts_are_listed_with_their_balances_grouped_by_type()
    {
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        await ledger.TransferAsync(alice, cash, food, 12_50);

        var list = (await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!;

        Assert.Equal(["Cash", "Food"], list.Select(a => a.Name));
        Assert.Equal(-12_50, list[0].Balance);
        Assert.Equal(12_50, list[1].Balance);
    }

    [DbTheory]
    [InlineData("", "USD", "Name")]
    [InlineData("   ", "USD", "Name")]
    [InlineData("Cash", "XYZ", "Currency")]
    [InlineData("Cash", "", "Currency")]
    [InlineData("Cash", "usdd", "Currency")]
    public async Task Invalid_accounts_are_refused_and_nothing_is_written(string name, string currency, string field)
    {
        var result = await CreateAsync(name, currency);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(field, result.Errors.Keys);
        Assert.Empty((await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!);
    }

    [DbFact]
    public async Task Names_are_unique_in_a_book_regardless_of_case_but_not_across_books()
    {
        await CreateAsync("Cash");
        var bob = await ledger.CreateUserAsync("bob");

        var duplicate = await CreateAsync(" cash ");
        var otherBook = await ledger.Accounts.CreateAsync(bob.Actor, new CreateAccount(bob.BookId, "Cash", null, AccountType.Asset, "USD"));

        Assert.Equal(ResultStatus.Invalid, duplicate.Status);
        Assert.Contains("already exists", duplicate.Errors["Name"][0]);
        Assert.Equal(ResultStatus.Created, otherBook.Status);
    }

    [DbTheory]
    [InlineData("\u202EhsaC")] // shows as "Cash"
    [InlineData("Ca\u200Bsh")]
    [InlineData("Ca\u00ADsh")]
    [InlineData("\u2067Cash\u2069")]
    public async Task A_name_with_invisible_or_text_direction_characters_is_refused_and_nothing_is_written(string name)
    {
        var before = await ledger.SnapshotAsync();

        var result = await CreateAsync(name);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("cannot contain invisible or text-direction characters", result.Errors["Name"][0]);
        Assert.Equal(before, await ledger.SnapshotAsync());
        Assert.Empty((await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!);
    }

    [DbTheory]
    [InlineData("Cafe\u0301", "Caf\u00e9")] // an accent typed apart, and as one letter
    [InlineData("\uFF26\uFF4F\uFF4F\uFF44", "Food")] // full-width
    [InlineData("\u00c9clairs", "\u00e9clairs")] // case beyond ASCII
    public async Task A_name_that_reads_the_same_as_another_is_taken(string second, string first)
    {
        await CreateAsync(first);

        var duplicate = await CreateAsync(second);

        Assert.Equal(ResultStatus.Invalid, duplicate.Status);
        Assert.Contains("already exists", duplicate.Errors["Name"][0]);
        Assert.Single((await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!);
    }

    [DbFact]
    public async Task A_second_account_with_the_exact_name_is_refused_whichever_letters_the_database_folds()
    {
        await CreateAsync("\u00c4pfel & \u00c9clairs");

        var duplicate = await CreateAsync("\u00c4pfel & \u00c9clairs");

        Assert.Equal(ResultStatus.Invalid, duplicate.Status);
        Assert.Contains("already exists", duplicate.Errors["Name"][0]);
        Assert.Single((await ledger.Accounts.ListAsync(alice.Actor, alice.BookId)).Value!);
    }

    [DbFact]
    public async Task Currency_codes_are_normalized_and_a_code_is_kept()
    {
        var result = await CreateAsync("Yen wallet", " jpy ", code: " 1050 ");

        Assert.Equal("JPY", result.Value!.Currency);
        Assert.Equal("1050", result.Value.Code);
    }

    [DbFact]
    public async Task A_stale_edit_is_a_conflict_that_carries_the_current_values()
    {
        var created = (await CreateAsync("Cash")).Value!;
        var first = await ledger.Accounts.UpdateAsync(alice.Actor,
            new UpdateAccount(alice.BookId, created.Id, created.Version, "Wallet", "1000", AccountType.Asset, "USD"));
        Assert.Equal(ResultStatus.Ok, first.Status);

        var stale = await ledger.Accounts.UpdateAsync(alice.Actor,
            new UpdateAccount(alice.BookId, created.Id, created.Version, "Petty cash", null, AccountType.Asset, "USD"));

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Contains("someone else", stale.Message);
        Assert.Equal("Wallet", stale.Value!.Name);
        Assert.Equal(first.Value!.Version, stale.Value.Version);
        // Overwriting deliberately: resubmit against the version now known.
        var overwrite = await ledger.Accounts.UpdateAsync(alice.Actor,
            new UpdateAccount(alice.BookId, created.Id, stale.Value.Version, "Petty cash", null, AccountType.Asset, "USD"));
        Assert.Equal("Petty cash", overwrite.Value!.Name);
    }

    [DbFact]
    public async Task Posting_does_not_make_an_open_edit_stale()
    {
        var cash = (await CreateAsync("Cash")).Value!;
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        await ledger.TransferAsync(alice, cash.Id, food, 1_00);

        var edit = await ledger.Accounts.UpdateAsync(alice.Actor,
            new UpdateAccount(alice.BookId, cash.Id, cash.Version, "Wallet", null, AccountType.Asset, "USD"));

        Assert.Equal(ResultStatus.Ok, edit.Status);
        Assert.Equal(-1_00, edit.Value!.Balance);
    }

    [DbFact]
    public async Task The_currency_of_an_account_with_postings_cannot_change()
    {
        var cash = (await CreateAsync("Cash")).Value!;
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        await ledger.TransferAsync(alice, cash.Id, food, 1_00);

        var result = await ledger.Accounts.UpdateAsync(alice.Actor,
            new UpdateAccount(alice.BookId, cash.Id, cash.Version, "Cash", null, AccountType.Asset, "EUR"));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Currency", result.Errors.Keys);
        Assert.Equal("USD", (await ledger.Accounts.GetAsync(alice.Actor, alice.BookId, cash.Id)).Value!.Currency);
    }

    [DbFact]
    public async Task Only_an_account_at_zero_balance_can_be_archived()
    {
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        await ledger.TransferAsync(alice, cash, food, 7_25);

        var refused = await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, cash, true);
        await ledger.TransferAsync(alice, food, cash, 7_25);
        var archived = await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, cash, true);

        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("USD -7.25", refused.Message);
        Assert.False(refused.Value!.Archived);
        Assert.True(archived.Value!.Archived);
        var unarchived = await ledger.Accounts.SetArchivedAsync(alice.Actor, alice.BookId, cash, false);
        Assert.False(unarchived.Value!.Archived);
    }

    [DbFact]
    public async Task Outsiders_get_not_found_and_viewers_cannot_change_accounts()
    {
        var cash = (await CreateAsync("Cash")).Value!;
        var mallory = await ledger.CreateUserAsync("mallory");
        var viewer = await ledger.CreateUserAsync("victor");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        var rename = new UpdateAccount(alice.BookId, cash.Id, cash.Version, "Mine", null, AccountType.Asset, "USD");

        Assert.Equal(ResultStatus.NotFound, (await ledger.Accounts.ListAsync(mallory.Actor, alice.BookId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Accounts.UpdateAsync(mallory.Actor, rename)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Accounts.CreateAsync(mallory.Actor,
            new CreateAccount(alice.BookId, "X", null, AccountType.Asset, "USD"))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Accounts.UpdateAsync(viewer.Actor, rename)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Accounts.SetArchivedAsync(viewer.Actor, alice.BookId, cash.Id, true)).Status);
        Assert.Equal(ResultStatus.Ok, (await ledger.Accounts.ListAsync(viewer.Actor, alice.BookId)).Status);
        Assert.Equal("Cash", (await ledger.Accounts.GetAsync(alice.Actor, alice.BookId, cash.Id)).Value!.Name);
    }
}

public sealed class AccountServiceTestsOnSqlite : AccountServiceTests;

public sealed class AccountServiceTestsOnPostgres : AccountServiceTests, IOnPostgres;
