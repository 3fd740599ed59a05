using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Data;

/// <summary>Each text limit is one number: the column's size, and what the service accepts, to the character.</summary>
public abstract class LimitTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid cash, food;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        alice = await ledger.CreateUserAsync("alice");
        cash = await ledger.CreateAccountAsync(alice, "Cash");
        food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    /// <summary>Submits <c>text</c> as the one field under test; answers the result's status and its errors.</summary>
    public delegate Task<(ResultStatus Status, IReadOnlyDictionary<string, string[]> Errors)> Submit(LimitTests test, string text);

    public static TheoryData<Type, string, int, string, Submit> Limits => new()
    {
        { typeof(Book), nameof(Book.Name), BookLimits.MaxName, "Name",
            async (t, text) => Of(await t.ledger.Books.RenameAsync(t.alice.Actor, t.alice.BookId, text)) },
        { typeof(Account), nameof(Account.Name), AccountLimits.MaxName, nameof(CreateAccount.Name),
            async (t, text) => Of(await t.ledger.Accounts.CreateAsync(t.alice.Actor, new CreateAccount(t.alice.BookId, text, null, AccountType.Asset, "USD"))) },
        { typeof(Account), nameof(Account.Code), AccountLimits.MaxCode, nameof(CreateAccount.Code),
            async (t, text) => Of(await t.ledger.Accounts.CreateAsync(t.alice.Actor,
                new CreateAccount(t.alice.BookId, $"Coded {text.Length}", text, AccountType.Asset, "USD"))) },
        { typeof(Transaction), nameof(Transaction.Description), TransactionLimits.MaxDescription, nameof(PostTransaction.Description),
            async (t, text) => Of(await t.PostAsync(description: text)) },
        { typeof(Transaction), nameof(Transaction.Payee), TransactionLimits.MaxPayee, nameof(PostTransaction.Payee),
            async (t, text) => Of(await t.PostAsync(payee: text)) },
        { typeof(Transaction), nameof(Transaction.IdempotencyKey), TransactionLimits.MaxIdempotencyKey, nameof(PostTransaction.IdempotencyKey),
            async (t, text) => Of(await t.PostAsync(key: text)) },
        { typeof(Posting), nameof(Posting.Memo), TransactionLimits.MaxMemo, "Postings[0].Memo",
            async (t, text) => Of(await t.PostAsync(memo: text)) },
        { typeof(ApiToken), nameof(ApiToken.Name), ApiTokenLimits.MaxName, "Name",
            async (t, text) => Of(await t.ledger.Services.GetRequiredService<ApiTokenService>().CreateAsync(t.alice.Actor, text, ApiScopes.Read, null)) },
    };

    [DbTheory]
    [MemberData(nameof(Limits))]
    public async Task A_text_of_exactly_the_limit_is_stored_and_one_character_more_is_refused(Type entity, string property, int limit,
        string field, Submit submit)
    {
        await using (var db = await ledger.DbAsync())
        {
            Assert.Equal(limit, db.Model.FindEntityType(entity)!.FindProperty(property)!.GetMaxLength());
        }

        var atLimit = await submit(this, new string('x', limit));
        var over = await submit(this, new string('y', limit + 1));

        Assert.True(atLimit.Status is ResultStatus.Ok or ResultStatus.Created, $"{entity.Name}.{property} at {limit}: {atLimit.Status}");
        Assert.Equal(ResultStatus.Invalid, over.Status);
        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(over.Errors[field]));
    }

    [DbFact]
    public async Task Display_names_and_invited_addresses_have_columns_as_long_as_their_limits()
    {
        await using var db = await ledger.DbAsync();

        Assert.Equal(UserLimits.MaxDisplayName, db.Model.FindEntityType(typeof(ApplicationUser))!.FindProperty(nameof(ApplicationUser.DisplayName))!.GetMaxLength());
        Assert.Equal(InvitationLimits.MaxEmail, db.Model.FindEntityType(typeof(Invitation))!.FindProperty(nameof(Invitation.Email))!.GetMaxLength());
    }

    private Task<Result<TransactionDto>> PostAsync(string description = "Lunch", string? payee = null, string? memo = null, string? key = null) =>
        ledger.Postings.PostAsync(alice.Actor, new PostTransaction(alice.BookId, DateOnly.FromDateTime(DateTime.UtcNow), description, payee,
            [new PostingLine(food, 5_00, memo), new PostingLine(cash, -5_00)], key));

    private static (ResultStatus, IReadOnlyDictionary<string, string[]>) Of<T>(Result<T> result) => (result.Status, result.Errors);
}

public sealed class LimitTestsOnSqlite : LimitTests;

public sealed class LimitTestsOnPostgres : LimitTests, IOnPostgres;
