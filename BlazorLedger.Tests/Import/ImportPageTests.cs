using System.Text;
using BlazorLedger.Components.Layout;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

/// <summary>The import page step by step, as a person drives it: file and account, columns, preview, import, undo.</summary>
public sealed class ImportPageTests : LedgerComponentTest
{
    private Guid checking, groceries;

    private const string January = """
        Date,Description,Payee,Amount
        2026-01-05,Card payment,Starbucks,-4.75
        2026-01-13,January salary,ACME Corp,2500.00
        2026-01-15,Weekly shop,Green Market,-82.40
        2026-01-32,Weekly shop,Green Market,-61.15
        2026-01-06,Weekly shop,Green Market,-12.00
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        checking = await Ledger.CreateAccountAsync(User, "Checking");
        groceries = await Ledger.CreateAccountAsync(User, "Groceries", AccountType.Expense);
        await Ledger.CreateAccountAsync(User, "Salary", AccountType.Income);
    }

    private IRenderedComponent<WithProviders> RenderPage()
    {
        var host = Render<WithProviders>(p => p.AddChildContent<ImportPage>());
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=loading]")));
        return host;
    }

    private static void Upload(IRenderedComponent<WithProviders> host, string text, string name = "january.csv") =>
        Upload(host, Encoding.UTF8.GetBytes(text), name);

    private static void Upload(IRenderedComponent<WithProviders> host, byte[] content, string name)
    {
        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name));
        host.WaitForAssertion(() => Assert.Contains(name, host.ByTestId("chosen-file").TextContent));
    }

    /// <summary>Account chosen, file chosen, Next: the page is at the column mapping (CSV) or the preview (OFX).</summary>
    private static void OpenFile(IRenderedComponent<WithProviders> host, string text, string name = "january.csv")
    {
        host.Choose("statement-account", "Checking");
        Upload(host, text, name);
        host.ByTestId("read-file").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=step-columns], [data-testid=step-preview]")));
    }

    private static void ToPreview(IRenderedComponent<WithProviders> host, string text = January)
    {
        OpenFile(host, text);
        host.ByTestId("preview-rows").Click();
        host.WaitForAssertion(() => host.ByTestId("step-preview"));
    }

    private static void ImportAll(IRenderedComponent<WithProviders> host, string account = "Groceries")
    {
        host.Choose("bulk-account", account);
        host.ByTestId("bulk-apply").Click();
        host.WaitForAssertion(() => Assert.False(host.ByTestId("import").HasAttribute("disabled")));
        host.ByTestId("import").Click();
        host.WaitForAssertion(() => host.ByTestId("step-done"));
    }

    private async Task<int> TransactionCountAsync()
    {
        await using var db = await Ledger.DbAsync();
        return await db.Transactions.CountAsync();
    }

    [Fact]
    public void A_chosen_CSV_file_opens_the_column_mapping_filled_in_from_the_file_with_its_first_rows()
    {
        var host = RenderPage();
        Assert.True(host.ByTestId("read-file").HasAttribute("disabled"));

        OpenFile(host, January);

        host.WaitForAssertion(() => host.ByTestId("step-columns"));
        Assert.Contains("Filled in from the file's headings", host.ByTestId("mapping-source").TextContent);
        Assert.Equal(["Date", "Description", "Payee", "Amount"], host.FindAll("[data-testid=column-role]").Select(c => c.TextContent.Trim()));
        Assert.Contains("Green Market", host.ByTestId("sample").TextContent);
        Assert.False(host.ByTestId("preview-rows").HasAttribute("disabled"));
    }

    [Fact]
    public void The_preview_marks_each_row_new_or_unreadable_with_its_reason_and_asks_for_the_other_accounts()
    {
        var host = RenderPage();

        ToPreview(host);

        Assert.Contains("4 new", host.ByTestId("count-new").TextContent);
        Assert.Contains("1 can't be read", host.ByTestId("count-invalid").TextContent);
        Assert.Contains("\"2026-01-32\" is not a date", host.ByTestId("row-error").TextContent);
        Assert.Equal(4, host.FindAll("[data-testid=row-account]").Count);
        Assert.Contains("4 rows have no other account (lines 2, 3, 4, 6)", host.ByTestId("choices-problem").TextContent);
        Assert.True(host.ByTestId("import").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Importing_posts_the_rows_says_how_many_and_lists_the_import()
    {
        var host = RenderPage();
        ToPreview(host);

        host.Choose("row-account", "Salary", 1);
        ImportAll(host);

        Assert.Contains("4 transactions imported, 0 already imported.", host.ByTestId("import-summary").TextContent);
        Assert.Contains("1 row could not be read.", host.ByTestId("import-summary").TextContent);
        var listed = host.ByTestId("past-imports");
        Assert.Contains("january.csv", listed.TextContent);
        Assert.Equal("4", host.ByTestId("import-count").TextContent.Trim());
        Assert.Equal(4, await TransactionCountAsync());
        Assert.Equal(-2500_00, await Ledger.BalanceAsync(Salary()));
        Assert.Equal(4_75 + 82_40 + 12_00, await Ledger.BalanceAsync(groceries));
        await Ledger.AssertInvariantsAsync();
    }

    private Guid Salary()
    {
        using var db = Ledger.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContext();
        return db.Accounts.Single(a => a.Name == "Salary").Id;
    }

    [Fact]
    public async Task The_same_file_again_shows_nothing_new_and_offers_no_import()
    {
        var host = RenderPage();
        ToPreview(host);
        ImportAll(host);

        host.ByTestId("import-another").Click();
        host.WaitForAssertion(() => host.ByTestId("step-file"));
        Upload(host, January);
        host.ByTestId("read-file").Click();
        host.WaitForAssertion(() => Assert.Contains("Filled in as for this account's last import.", host.ByTestId("mapping-source").TextContent));
        host.ByTestId("preview-rows").Click();

        host.WaitForAssertion(() => Assert.Contains("Nothing new", host.ByTestId("nothing-new").TextContent));
        Assert.Contains("4 already imported", host.ByTestId("count-duplicate").TextContent);
        Assert.Equal(["#1", "#2", "#3", "#4"], host.FindAll("[data-testid=duplicate-of]").Select(l => l.TextContent.Trim()));
        Assert.Empty(host.FindAll("[data-testid=import]"));
        Assert.Equal(4, await TransactionCountAsync());
    }

    [Fact]
    public async Task Rows_left_out_are_not_imported_and_the_summary_says_so()
    {
        var host = RenderPage();
        ToPreview(host);

        host.FindAll("input[data-testid=row-include]")[1].Change(false);
        host.WaitForAssertion(() => Assert.Contains("1 left out", host.ByTestId("left-out").TextContent));
        host.Choose("row-account", "Groceries", 0);
        host.Choose("row-account", "Groceries", 2);
        host.Choose("row-account", "Groceries", 3);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=choices-problem]")));
        host.ByTestId("import").Click();

        host.WaitForAssertion(() => Assert.Contains("3 transactions imported", host.ByTestId("import-summary").TextContent));
        Assert.Contains("1 left out.", host.ByTestId("import-summary").TextContent);
        Assert.Equal(3, await TransactionCountAsync());
    }

    [Fact]
    public void A_rule_made_from_a_row_is_applied_to_the_rows_it_matches()
    {
        var host = RenderPage();
        ToPreview(host, January.Replace("2026-01-32,Weekly shop", "2026-01-20,Card payment").Replace("Green Market,-61.15", "Starbucks,-3.10"));

        host.FindAll("[data-testid=make-rule]")[0].Click();
        host.WaitForAssertion(() => host.ByTestId("rule-dialog"));
        Assert.Equal("Starbucks", host.Find("input[data-testid=rule-pattern]").GetAttribute("value"));
        host.Choose("rule-account", "Groceries");
        host.ByTestId("rule-save").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=rule-dialog]")));
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("tr.preview-row").Count(r => r.TextContent.Contains("From a rule"))));
        Assert.Contains("3 rows have no other account (lines 3, 4, 6)", host.ByTestId("choices-problem").TextContent);
    }

    [Fact]
    public void Ambiguous_dates_are_asked_for_on_the_column_mapping_and_read_once_chosen()
    {
        var host = RenderPage();
        OpenFile(host, "Date,Description,Amount\n03/04/2026,Coffee,-4.75\n05/06/2026,Tea,-2.50\n");

        host.ByTestId("preview-rows").Click();

        host.WaitForAssertion(() => Assert.Contains("choose the date format", host.ByTestId("file-errors").TextContent));
        Assert.Contains("fit MM/dd/yyyy and dd/MM/yyyy: choose one", host.ByTestId("step-columns").TextContent);
        host.Choose("date-format", "dd/MM/yyyy");
        host.ByTestId("preview-rows").Click();
        host.WaitForAssertion(() => host.ByTestId("step-preview"));
        Assert.Contains("2 new", host.ByTestId("count-new").TextContent);
    }

    [Fact]
    public void Changing_the_delimiter_splits_the_file_again_and_names_its_columns()
    {
        var host = RenderPage();
        OpenFile(host, "Date;Text;Amount\n2026-01-05;Coffee, large;-4,75\n2026-01-06;Tea;-2,50\n");
        Assert.Equal(3, host.FindAll("[data-testid=column-role]").Count);

        host.Choose("delimiter", "Comma");

        host.WaitForAssertion(() => Assert.Contains("Date;Text;Amount", host.ByTestId("sample").TextContent));
        Assert.NotEmpty(host.FindAll("[data-testid=mapping-problems]"));
        Assert.True(host.ByTestId("preview-rows").HasAttribute("disabled"));
    }

    [Fact]
    public void An_OFX_file_skips_the_column_mapping()
    {
        var host = RenderPage();

        OpenFile(host, StatementFiles.Ofx1Text, "statement.ofx");

        host.WaitForAssertion(() => host.ByTestId("step-preview"));
        Assert.Contains("3 new", host.ByTestId("count-new").TextContent);
        Assert.Contains("bank account 1234567890", host.ByTestId("step-preview").TextContent);
        Assert.Contains("Columns (not needed for OFX)", host.ByTestId("import-steps").TextContent);
    }

    [Fact]
    public async Task A_file_that_is_not_a_statement_is_refused_on_the_first_step_and_nothing_is_written()
    {
        var before = await Ledger.SnapshotAsync();
        var host = RenderPage();
        host.Choose("statement-account", "Checking");
        Upload(host, [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02], "statement.pdf");

        host.ByTestId("read-file").Click();

        host.WaitForAssertion(() => Assert.Contains("This is not a text file", host.ByTestId("file-errors").TextContent));
        Assert.NotNull(host.ByTestId("step-file"));
        Assert.Equal(before, await Ledger.SnapshotAsync());
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        var host = RenderPage();
        host.Choose("statement-account", "Checking");

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[ImportLimits.MaxFileBytes + 1], "huge.csv"));

        host.WaitForAssertion(() => Assert.Contains("at most 10 MB can be imported at once", host.ByTestId("file-error").TextContent));
        Assert.True(host.ByTestId("read-file").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("empty.csv")]
    [InlineData("empty.ofx")]
    public void An_empty_file_is_refused_with_its_name_and_the_page_goes_on(string name)
    {
        var host = RenderPage();
        host.Choose("statement-account", "Checking");

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([], name));

        host.WaitForAssertion(() => Assert.Contains($"\"{name}\" is empty", host.ByTestId("file-error").TextContent));
        Assert.Empty(host.FindAll("[data-testid=chosen-file]"));
        Assert.True(host.ByTestId("read-file").HasAttribute("disabled"));
        Upload(host, "Date,Description,Amount\n2026-01-05,Coffee,-3.50\n", "january.csv"); // and a real file after it is taken
        Assert.Empty(host.FindAll("[data-testid=file-error]"));
    }

    [Fact]
    public async Task An_import_is_undone_after_confirmation_and_its_file_can_be_imported_again()
    {
        var host = RenderPage();
        ToPreview(host);
        ImportAll(host);

        host.ByTestId("undo-import").Click();
        host.WaitForAssertion(() => Assert.Contains("Undo this import?", host.Find(".mud-dialog").TextContent));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Undo import")).Click();

        host.WaitForAssertion(() => Assert.Contains("Undone by alice", host.ByTestId("undone").TextContent));
        Assert.Empty(host.FindAll("[data-testid=undo-import]"));
        Assert.Equal(0, await Ledger.BalanceAsync(checking));
        Assert.Equal(8, await TransactionCountAsync());
        await Ledger.AssertInvariantsAsync();
        host.ByTestId("import-another").Click();
        host.WaitForAssertion(() => host.ByTestId("step-file"));
        Upload(host, January);
        host.ByTestId("read-file").Click();
        host.WaitForAssertion(() => host.ByTestId("preview-rows"));
        host.ByTestId("preview-rows").Click();
        host.WaitForAssertion(() => Assert.Contains("4 new", host.ByTestId("count-new").TextContent));
    }

    [Fact]
    public async Task Keeping_an_import_when_asked_changes_nothing()
    {
        var host = RenderPage();
        ToPreview(host);
        ImportAll(host);
        var before = await Ledger.SnapshotAsync();

        host.ByTestId("undo-import").Click();
        host.WaitForAssertion(() => host.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Keep it")).Click());

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.NotNull(host.ByTestId("undo-import"));
        Assert.Equal(before, await Ledger.SnapshotAsync());
    }

    [Fact]
    public async Task Viewers_are_told_they_may_not_import_and_see_no_import_link()
    {
        var owner = await Ledger.CreateUserAsync("olga");
        await Ledger.AddMemberAsync(owner.BookId, User, BookRole.Viewer);
        var current = Services.GetRequiredService<CurrentBook>();
        await current.EnsureAsync(User.Actor);
        current.Select(current.Available.Single(b => b.Id == owner.BookId));

        var host = RenderPage();
        var nav = Render<NavMenu>();

        Assert.Contains("Only owners and editors of this book can import statements", host.ByTestId("import-not-allowed").TextContent);
        Assert.Empty(host.FindAll("[data-testid=step-file]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-import]"));

        current.Select(current.Available.Single(b => b.Id == User.BookId));
        nav.WaitForAssertion(() => Assert.Contains($"books/{User.BookId}/import", nav.ByTestId("nav-import").GetAttribute("href")));
    }

    [Fact]
    public async Task The_books_address_opens_that_book_and_an_unknown_book_is_not_found()
    {
        var shared = (await Ledger.Books.CreateAsync(User.Actor, "Zebra household", "EUR")).Value!;

        var host = Render<WithProviders>(p => p.AddChildContent<ImportPage>(page => page.Add(x => x.BookId, shared.Id)));

        host.WaitForAssertion(() => Assert.Equal(shared.Id, Services.GetRequiredService<CurrentBook>().Book?.Id));
        host.WaitForAssertion(() => Assert.NotNull(host.ByTestId("need-accounts")));
    }

    [Fact]
    public void The_address_of_a_book_the_user_is_not_in_is_not_found()
    {
        var page = Render<ImportPage>(p => p.Add(x => x.BookId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.NotNull(page.ByTestId("book-not-found")));
        Assert.Empty(page.FindAll("[data-testid=step-file]"));
    }

    [Fact]
    public async Task Rows_that_stand_for_scheduled_transactions_say_so_and_import_without_posting_them_twice()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var schedules = Services.GetRequiredService<ScheduleService>();
        await schedules.CreateAsync(User.Actor, new CreateSchedule(User.BookId, "Gym", null,
            [new PostingLine(groceries, 30_00), new PostingLine(checking, -30_00)],
            new Recurrence(today.AddDays(-2), ScheduleUnit.Month, 1)));
        await schedules.CreateAsync(User.Actor, new CreateSchedule(User.BookId, "Rent", null,
            [new PostingLine(groceries, 800_00), new PostingLine(checking, -800_00)],
            new Recurrence(today.AddDays(3), ScheduleUnit.Month, 1)));
        Assert.Equal(1, (await schedules.PostDueAsync()).Posted);
        var iso = (DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var host = RenderPage();

        ToPreview(host, $"""
            Date,Description,Payee,Amount
            {iso(today.AddDays(-1))},Gym membership,Gym,-30.00
            {iso(today)},Standing order,Landlord,-800.00
            """);

        var statuses = host.FindAll("[data-testid=row-status]").Select(s => s.TextContent).ToList();
        Assert.Contains("Matches scheduled Gym on", statuses[0]);
        Assert.Contains("nothing new posted", statuses[0]);
        Assert.Contains("Matches scheduled Rent on", statuses[1]);
        Assert.Contains("posted from this row, the schedule will leave it out", statuses[1]);
        Assert.Contains("1 scheduled, posted already", host.ByTestId("count-matched").TextContent);
        Assert.Equal("Import 1 transaction", host.ByTestId("import").TextContent.Trim());

        host.ByTestId("import").Click();

        host.WaitForAssertion(() => Assert.Contains("1 row linked to scheduled transactions", host.ByTestId("import-summary").TextContent));
        Assert.Equal(2, await TransactionCountAsync());
        await Ledger.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_file_whose_rows_are_all_scheduled_transactions_posted_already_has_nothing_new()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var schedules = Services.GetRequiredService<ScheduleService>();
        await schedules.CreateAsync(User.Actor, new CreateSchedule(User.BookId, "Gym", null,
            [new PostingLine(groceries, 30_00), new PostingLine(checking, -30_00)], new Recurrence(today.AddDays(-2), ScheduleUnit.Month, 1)));
        Assert.Equal(1, (await schedules.PostDueAsync()).Posted);
        var host = RenderPage();

        ToPreview(host, $"""
            Date,Description,Payee,Amount
            {today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)},Gym membership,Gym,-30.00
            """);

        Assert.Contains("1 stand for scheduled transactions posted already", host.ByTestId("nothing-new").TextContent);
        Assert.Contains("Matches scheduled Gym on", host.ByTestId("row-schedule").TextContent);
        Assert.Equal(1, await TransactionCountAsync());
    }
}
