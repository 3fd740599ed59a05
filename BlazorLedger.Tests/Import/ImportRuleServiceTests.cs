using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Import;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

public sealed class ImportRuleServiceTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser owner = default!;
    private Guid groceries, coffee;

    private ImportRuleService Rules => ledger.Services.GetRequiredService<ImportRuleService>();
    private ColumnMappingService Mappings => ledger.Services.GetRequiredService<ColumnMappingService>();

    public async Task InitializeAsync()
    {
        ledger = TestLedger.InMemory();
        owner = await ledger.CreateUserAsync();
        groceries = await ledger.CreateAccountAsync(owner, "Groceries", AccountType.Expense);
        coffee = await ledger.CreateAccountAsync(owner, "Coffee", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task Rules_are_added_after_each_other_listed_in_order_and_apply_in_that_order()
    {
        await Rules.CreateAsync(owner.Actor, new CreateImportRule(owner.BookId, "REWE", false, groceries, "REWE"));
        await Rules.CreateAsync(owner.Actor, new CreateImportRule(owner.BookId, "star.*bucks", true, coffee, null));
        await Rules.CreateAsync(owner.Actor, new CreateImportRule(owner.BookId, "  rewe to go ", false, coffee, null));

        var listed = (await Rules.ListAsync(owner.Actor, owner.BookId)).Value!;
        var set = (await Rules.RuleSetAsync(owner.Actor, owner.BookId)).Value!;

        Assert.Equal([("REWE", "Groceries"), ("star.*bucks", "Coffee"), ("rewe to go", "Coffee")], listed.Select(r => (r.Pattern, r.AccountName)));
        Assert.Equal([0, 1, 2], listed.Select(r => r.Position));
        Assert.Equal(groceries, set.Match("REWE TO GO Köln", null)!.AccountId);

        var moved = (await Rules.MoveAsync(owner.Actor, owner.BookId, listed[2].Id, 0)).Value!;
        var after = (await Rules.RuleSetAsync(owner.Actor, owner.BookId)).Value!;

        Assert.Equal(["rewe to go", "REWE", "star.*bucks"], moved.Select(r => r.Pattern));
        Assert.Equal(coffee, after.Match("REWE TO GO Köln", null)!.AccountId);
    }

    [Fact]
    public async Task Invalid_rules_are_refused_field_by_field_and_nothing_is_saved()
    {
        var archived = await ledger.CreateAccountAsync(owner, "Old card", AccountType.Liability);
        await ledger.Accounts.SetArchivedAsync(owner.Actor, owner.BookId, archived, true);
        var other = await ledger.CreateUserAsync("bob");
        var foreign = await ledger.CreateAccountAsync(other, "Bob's food", AccountType.Expense);

        var cases = new (CreateImportRule Command, string Field, string Message)[]
        {
            (new(owner.BookId, "  ", false, groceries, null), "Pattern", "Enter the text to look for."),
            (new(owner.BookId, "(unclosed", true, groceries, null), "Pattern", "This is not a valid regular expression"),
            (new(owner.BookId, new string('x', 201), false, groceries, null), "Pattern", "Use at most 200 characters."),
            (new(owner.BookId, "REWE", false, null, " "), "AccountId", "Choose the account or the payee"),
            (new(owner.BookId, "REWE", false, groceries, new string('p', 101)), "Payee", "Use at most 100 characters."),
            (new(owner.BookId, "REWE", false, archived, null), "AccountId", "\"Old card\" is archived."),
            (new(owner.BookId, "REWE", false, foreign, null), "AccountId", "The account is not in this book."),
        };
        foreach (var (command, field, message) in cases)
        {
            var result = await Rules.CreateAsync(owner.Actor, command);
            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.StartsWith(message, Assert.Single(result.Errors[field]));
        }
        await using var db = await ledger.DbAsync();
        Assert.Equal(0, await db.ImportRules.CountAsync());
    }

    [Fact]
    public async Task Viewers_may_not_see_or_change_rules_and_outsiders_do_not_learn_the_book_exists()
    {
        var viewer = await ledger.CreateUserAsync("vera");
        await ledger.AddMemberAsync(owner.BookId, viewer, BookRole.Viewer);
        var outsider = await ledger.CreateUserAsync("olaf");
        var rule = (await Rules.CreateAsync(owner.Actor, new CreateImportRule(owner.BookId, "REWE", false, groceries, null))).Value!;

        Assert.Equal(ResultStatus.Forbidden, (await Rules.ListAsync(viewer.Actor, owner.BookId)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await Rules.CreateAsync(viewer.Actor, new CreateImportRule(owner.BookId, "X", false, coffee, null))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await Rules.DeleteAsync(viewer.Actor, owner.BookId, rule.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Rules.ListAsync(outsider.Actor, owner.BookId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Rules.DeleteAsync(outsider.Actor, owner.BookId, rule.Id)).Status);
        Assert.Single((await Rules.ListAsync(owner.Actor, owner.BookId)).Value!);
    }

    [Fact]
    public async Task An_editor_deletes_a_rule_and_the_deletion_is_audited()
    {
        var editor = await ledger.CreateUserAsync("edda");
        await ledger.AddMemberAsync(owner.BookId, editor, BookRole.Editor);
        var rule = (await Rules.CreateAsync(editor.Actor, new CreateImportRule(owner.BookId, "REWE", false, groceries, null))).Value!;

        var deleted = await Rules.DeleteAsync(editor.Actor, owner.BookId, rule.Id);
        var again = await Rules.DeleteAsync(editor.Actor, owner.BookId, rule.Id);

        Assert.True(deleted.Succeeded);
        Assert.Equal(ResultStatus.NotFound, again.Status);
        Assert.Empty((await Rules.ListAsync(owner.Actor, owner.BookId)).Value!);
        await using var db = await ledger.DbAsync();
        Assert.Equal(["import-rule.created", "import-rule.deleted"],
            await db.AuditEvents.Where(a => a.EntityType == nameof(ImportRule)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Deleting_a_user_with_their_book_takes_its_rules_and_mappings_with_it()
    {
        await Rules.CreateAsync(owner.Actor, new CreateImportRule(owner.BookId, "REWE", false, groceries, null));
        await Mappings.SaveAsync(owner.Actor, owner.BookId, groceries, new CsvMapping { DateColumn = 0, AmountColumn = 1, DescriptionColumn = 2 });

        var deleted = await ledger.Services.GetRequiredService<BlazorLedger.Features.Users.UserDeletionService>().DeleteSelfAsync(owner.Actor);

        Assert.True(deleted.Succeeded, deleted.Message);
        await using var db = await ledger.DbAsync();
        Assert.Equal((0, 0), (await db.ImportRules.CountAsync(), await db.ImportColumnMappings.CountAsync()));
    }

    [Fact]
    public async Task An_accounts_column_mapping_is_remembered_and_replaced()
    {
        var bank = await ledger.CreateAccountAsync(owner, "Giro", AccountType.Asset, "EUR");
        var mapping = new CsvMapping
        {
            Delimiter = ';', HasHeader = true, SkipRows = 3, DateColumn = 0, AmountColumn = 7, DescriptionColumn = 4, PayeeColumn = 3,
            DateFormat = StatementDateFormat.DayMonthYearDots, NumberFormat = StatementNumberFormat.CommaDecimal,
        };

        Assert.Null((await Mappings.GetAsync(owner.Actor, owner.BookId, bank)).Value);
        Assert.True((await Mappings.SaveAsync(owner.Actor, owner.BookId, bank, mapping)).Succeeded);
        Assert.Equal(mapping, (await Mappings.GetAsync(owner.Actor, owner.BookId, bank)).Value);
        Assert.True((await Mappings.SaveAsync(owner.Actor, owner.BookId, bank, mapping with { NegateAmounts = true })).Succeeded);
        Assert.True((await Mappings.GetAsync(owner.Actor, owner.BookId, bank)).Value!.NegateAmounts);

        var bad = await Mappings.SaveAsync(owner.Actor, owner.BookId, bank, mapping with { DescriptionColumn = 0 });
        Assert.Equal(ResultStatus.Invalid, bad.Status);
        var other = await ledger.CreateUserAsync("bob");
        Assert.Equal(ResultStatus.NotFound, (await Mappings.GetAsync(other.Actor, owner.BookId, bank)).Status);
    }

    [Fact]
    public async Task Previewing_a_rule_shows_the_past_transactions_it_matches_and_which_already_use_its_account()
    {
        var checking = await ledger.CreateAccountAsync(owner, "Checking");
        var shopping = await ledger.CreateAccountAsync(owner, "Shopping", AccountType.Expense);
        await ledger.TransferAsync(owner, checking, groceries, 12_00, description: "REWE Markt 123");
        await ledger.TransferAsync(owner, checking, shopping, 8_00, description: "rewe city");
        var voided = await ledger.TransferAsync(owner, checking, shopping, 3_00, description: "REWE voided");
        await ledger.Postings.VoidAsync(owner.Actor, owner.BookId, voided.Id);
        await ledger.TransferAsync(owner, checking, coffee, 3_50, description: "Starbucks");
        var before = await ledger.SnapshotAsync();

        var effect = await Rules.PreviewAsync(owner.Actor, new CreateImportRule(owner.BookId, "rewe", false, groceries, "REWE"));
        var regex = await Rules.PreviewAsync(owner.Actor, new CreateImportRule(owner.BookId, "^star", true, coffee, null));

        Assert.Equal(ResultStatus.Ok, effect.Status);
        Assert.Equal((3, 2, 1), (effect.Value!.Examined, effect.Value.Matched, effect.Value.AlreadyThere));
        Assert.Equal([("rewe city", false), ("REWE Markt 123", true)], effect.Value.Rows.Select(r => (r.Description, r.AlreadyThere)));
        Assert.Equal(["Shopping", "Checking"], effect.Value.Rows[0].Accounts);
        Assert.Equal((1, 1), (regex.Value!.Matched, regex.Value.AlreadyThere));
        Assert.Equal(before, await ledger.SnapshotAsync());
    }

    [Fact]
    public async Task Previewing_a_bad_rule_or_another_books_rule_is_refused()
    {
        var bad = await Rules.PreviewAsync(owner.Actor, new CreateImportRule(owner.BookId, "([", true, groceries, null));
        var outsider = await ledger.CreateUserAsync("bob");
        var foreign = await Rules.PreviewAsync(outsider.Actor, new CreateImportRule(owner.BookId, "rewe", false, groceries, null));

        Assert.Equal(ResultStatus.Invalid, bad.Status);
        Assert.Contains("Pattern", bad.Errors.Keys);
        Assert.Equal(ResultStatus.NotFound, foreign.Status);
    }
}
