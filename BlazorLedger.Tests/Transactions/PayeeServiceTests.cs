using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Transactions;

public abstract class PayeeServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid checking, card, food, rent;
    private static readonly DateOnly Start = new(2026, 3, 1);

    private PayeeService Payees => ledger.Services.GetRequiredService<PayeeService>();

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        checking = await ledger.CreateAccountAsync(alice, "Checking");
        card = await ledger.CreateAccountAsync(alice, "Card", AccountType.Liability);
        food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        rent = await ledger.CreateAccountAsync(alice, "Rent", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private Task<Result<TransactionDto>> PostAsync(Guid from, Guid to, DateOnly date, string? payee, long amount = 10_00) =>
        ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, date, "Bought", payee, [new PostingLine(to, amount), new PostingLine(from, -amount)]));

    [DbFact]
    public async Task Payees_come_from_the_books_transactions_most_used_first_and_match_anywhere_ignoring_case()
    {
        await PostAsync(checking, food, Start, "Green Market");
        await PostAsync(checking, food, Start.AddDays(1), "Green Market");
        await PostAsync(checking, rent, Start, "Landlord");
        await PostAsync(checking, food, Start, null);
        var bob = await ledger.CreateUserAsync("bob");
        await ledger.TransferAsync(bob, await ledger.CreateAccountAsync(bob, "Bob cash"), await ledger.CreateAccountAsync(bob, "Bob food", AccountType.Expense),
            1_00, Start, "Secret");

        var all = (await Payees.ListAsync(alice.Actor, alice.BookId, null)).Value!;
        var market = (await Payees.ListAsync(alice.Actor, alice.BookId, "MARK")).Value!;
        var outsider = await Payees.ListAsync(bob.Actor, alice.BookId, null);

        Assert.Equal([new PayeeDto("Green Market", 2, Start.AddDays(1)), new PayeeDto("Landlord", 1, Start)], all);
        Assert.Equal(["Green Market"], market.Select(p => p.Name));
        Assert.Equal(ResultStatus.NotFound, outsider.Status);
    }

    [DbFact]
    public async Task A_payee_proposes_the_accounts_of_its_last_transaction_that_was_not_voided()
    {
        await PostAsync(checking, food, Start, "Green Market");
        await PostAsync(card, food, Start.AddDays(2), "Green Market");
        var mistake = (await PostAsync(checking, rent, Start.AddDays(3), "Green Market")).Value!;
        await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, mistake.Id);

        var proposal = (await Payees.ProposeAsync(alice.Actor, alice.BookId, " Green Market ")).Value!;
        var unknown = (await Payees.ProposeAsync(alice.Actor, alice.BookId, "Nobody")).Value;

        Assert.Equal([new ProposedLeg(food, "Food", true), new ProposedLeg(card, "Card", false)], proposal.Legs);
        Assert.Null(unknown);
    }

    [DbFact]
    public async Task An_amended_payee_is_listed_under_its_new_name()
    {
        var posted = (await PostAsync(checking, food, Start, "Grene Market")).Value!;
        var amended = await ledger.Postings.AmendAsync(alice.Actor, new AmendTransaction(alice.BookId, posted.Id, posted.Version, "Bought", "Green Market",
            [null, null], []));
        Assert.True(amended.Succeeded, amended.Message);

        var all = (await Payees.ListAsync(alice.Actor, alice.BookId, null)).Value!;

        Assert.Equal(["Green Market"], all.Select(p => p.Name));
    }
}

public sealed class PayeeServiceTestsOnSqlite : PayeeServiceTests;

public sealed class PayeeServiceTestsOnPostgres : PayeeServiceTests, IOnPostgres;
