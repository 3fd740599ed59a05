using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Attachments;

/// <summary>The Attachments section of the transaction page.</summary>
public sealed class AttachmentsSectionTests : LedgerComponentTest
{
    private Guid lunch;

    private AttachmentService Attachments => Services.GetRequiredService<AttachmentService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var cash = await Ledger.CreateAccountAsync(User, "Cash");
        var food = await Ledger.CreateAccountAsync(User, "Food", AccountType.Expense);
        lunch = (await Ledger.TransferAsync(User, cash, food, 12_50, description: "Lunch")).Id;
    }

    private IRenderedComponent<WithProviders> RenderPage()
    {
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, lunch)));
        page.WaitForAssertion(() => page.ByTestId("no-attachments"));
        return page;
    }

    private static void Upload(IRenderedComponent<WithProviders> page, byte[] content, string name) =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name));

    [Fact]
    public async Task An_uploaded_image_shows_as_a_thumbnail_and_a_pdf_as_a_link_both_served_by_the_attachment_endpoint()
    {
        var page = RenderPage();

        Upload(page, AttachmentFiles.Png, "receipt.png");
        page.WaitForAssertion(() => page.ByTestId("attachment-thumbnail"));
        Upload(page, AttachmentFiles.Pdf, "invoice.pdf");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=attachment]").Count));

        var listed = (await Attachments.ListAsync(User.Actor, User.BookId, lunch)).Value!;
        var image = page.ByTestId("attachment-thumbnail");
        Assert.Equal(AttachmentEndpoints.Url(User.BookId, lunch, listed[0].Id), image.GetAttribute("src"));
        Assert.Equal("receipt.png", image.GetAttribute("alt"));
        var links = page.FindAll("[data-testid=attachment-link]");
        Assert.Equal(["receipt.png", "invoice.pdf"], links.Select(l => l.TextContent.Trim()));
        Assert.Equal(AttachmentEndpoints.Url(User.BookId, lunch, listed[1].Id), links[1].GetAttribute("href"));
        Assert.Single(page.FindAll("[data-testid=attachment-thumbnail]"));
        Assert.Empty(page.FindAll("[data-testid=attachment-error]"));
    }

    [Fact]
    public async Task A_refused_or_too_large_file_is_explained_and_not_attached()
    {
        var page = RenderPage();

        Upload(page, AttachmentFiles.Html, "receipt.png");
        page.WaitForAssertion(() => Assert.Equal(FileKinds.RefusedMessage, page.ByTestId("attachment-error").TextContent.Trim()));
        Upload(page, new byte[AttachmentOptions.DefaultMaxBytes + 1], "huge.jpg");
        page.WaitForAssertion(() => Assert.Contains("at most 10 MB", page.ByTestId("attachment-error").TextContent));

        Assert.Empty(page.FindAll("[data-testid=attachment]"));
        Assert.Empty((await Attachments.ListAsync(User.Actor, User.BookId, lunch)).Value!);
    }

    [Fact]
    public async Task An_editor_removes_an_attachment_after_confirming()
    {
        await Attachments.AddAsync(User.Actor, new AddAttachment(User.BookId, lunch, "receipt.png", AttachmentFiles.Stream(AttachmentFiles.Png)));
        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, lunch)));
        page.WaitForAssertion(() => page.ByTestId("remove-attachment"));

        page.ByTestId("remove-attachment").Click();
        page.WaitForAssertion(() => page.Find(".mud-dialog"));
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();

        page.WaitForAssertion(() => page.ByTestId("no-attachments"));
        Assert.Empty((await Attachments.ListAsync(User.Actor, User.BookId, lunch)).Value!);
    }

    [Fact]
    public async Task A_viewer_sees_the_receipts_but_no_upload_or_remove()
    {
        await Attachments.AddAsync(User.Actor, new AddAttachment(User.BookId, lunch, "receipt.png", AttachmentFiles.Stream(AttachmentFiles.Png)));
        var vera = await Ledger.CreateUserAsync("vera");
        await Ledger.AddMemberAsync(User.BookId, vera, BookRole.Viewer);
        SignIn(vera, "vera");
        Services.GetRequiredService<BlazorLedger.Features.Books.CurrentBook>().PreferredId = User.BookId;

        var page = Render<WithProviders>(p => p.AddChildContent<TransactionDetailPage>(d => d.Add(x => x.TransactionId, lunch)));

        page.WaitForAssertion(() => page.ByTestId("attachment-thumbnail"));
        Assert.Equal("receipt.png", page.ByTestId("attachment-link").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=remove-attachment]"));
        Assert.Empty(page.FindAll("[data-testid=attach]"));
    }
}
