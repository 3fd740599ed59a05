using System.Globalization;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Import;

public sealed class RestoreBookPageTests : LedgerComponentTest
{
    private string journal = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var cash = await Ledger.CreateAccountAsync(User, "Cash: wallet");
        var food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        await Ledger.TransferAsync(User, cash, food, 12_50, new DateOnly(2026, 3, 2), "Market; stall 4");
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        await Services.GetRequiredService<BookExportService>().WriteAsync(User.Actor, User.BookId, ExportFormat.Hledger, _ => writer);
        journal = writer.ToString();
    }

    private IRenderedComponent<WithProviders> RenderPage() => Render<WithProviders>(p => p.AddChildContent<RestoreBookPage>());

    private static void Upload(IRenderedComponent<WithProviders> host, string text, string fileName) =>
        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, fileName));

    [Fact]
    public async Task A_chosen_journal_is_restored_into_a_new_book_that_becomes_the_current_one()
    {
        var host = RenderPage();
        Assert.True(host.ByTestId("restore").HasAttribute("disabled"));

        Upload(host, journal, "alice-s-book.journal");
        host.WaitForAssertion(() => Assert.Equal("alice-s-book.journal", host.ByTestId("journal-chosen").TextContent));
        host.WaitForAssertion(() => Assert.Equal("alice-s-book", host.Find("input[data-testid=restore-name]").GetAttribute("value")));
        host.Type("restore-name", "Copy of March");
        host.ByTestId("restore").Click();

        host.WaitForAssertion(() => Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri));
        var books = await Ledger.Books.ListAsync(User.Actor);
        var copy = Assert.Single(books, b => b.Name == "Copy of March");
        Assert.Equal(copy.Id, Services.GetRequiredService<CurrentBook>().Book?.Id);
        var accounts = (await Ledger.Accounts.ListAsync(User.Actor, copy.Id)).Value!;
        Assert.Equal([("Cash: wallet", -12_50L), ("Food", 12_50L)], accounts.Select(a => (a.Name, a.Balance)));
        host.WaitForAssertion(() => Assert.Contains("\"Copy of March\" was restored", host.Find(".mud-snackbar").TextContent));
    }

    [Fact]
    public async Task A_journal_that_cannot_be_restored_shows_its_problems_by_line_and_creates_nothing()
    {
        var host = RenderPage();

        Upload(host, journal.Replace("(1) Market", "(2) Market"), "broken.journal");
        host.WaitForAssertion(() => Assert.False(host.ByTestId("restore").HasAttribute("disabled")));
        host.ByTestId("restore").Click();

        host.WaitForAssertion(() => Assert.Contains("1 is missing", host.ByTestId("restore-problem").TextContent));
        Assert.Single(await Ledger.Books.ListAsync(User.Actor));
    }
}
