using System.Security.Cryptography;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Audit;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Attachments;

public abstract class AttachmentServiceTests : IAsyncLifetime
{
    private const long Limit = 4096;

    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid cash, food, lunch;

    private AttachmentService Attachments => ledger.Services.GetRequiredService<AttachmentService>();

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, configure: services => services.Configure<AttachmentOptions>(o => o.MaxBytes = Limit));
        alice = await ledger.CreateUserAsync("alice");
        cash = await ledger.CreateAccountAsync(alice, "Cash");
        food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        lunch = (await ledger.TransferAsync(alice, cash, food, 12_50, description: "Lunch")).Id;
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private Task<Result<AttachmentDto>> AddAsync(TestUser user, byte[] content, string? name, Guid? bookId = null, Guid? transactionId = null) =>
        Attachments.AddAsync(user.Actor, new AddAttachment(bookId ?? alice.BookId, transactionId ?? lunch, name, AttachmentFiles.Stream(content)));

    private async Task<(int Attachments, int Audit)> CountsAsync()
    {
        await using var db = await ledger.DbAsync();
        return (await db.Attachments.CountAsync(), await db.AuditEvents.CountAsync());
    }

    [DbFact]
    public async Task Each_kind_is_stored_as_its_bytes_show_with_its_hash_size_and_uploader_and_the_adding_is_audited()
    {
        var png = await AddAsync(alice, AttachmentFiles.Png, "receipt.pdf");
        var kinds = new List<string>();
        foreach (var (content, name) in new[] { (AttachmentFiles.Jpeg, "a.jpg"), (AttachmentFiles.Gif, "b.gif"), (AttachmentFiles.WebP, "c.webp"),
                     (AttachmentFiles.Pdf, "d.PDF") })
        {
            var added = await AddAsync(alice, content, name);
            Assert.Equal(ResultStatus.Created, added.Status);
            kinds.Add($"{added.Value!.FileName} {added.Value.ContentType}");
        }

        Assert.Equal(ResultStatus.Created, png.Status);
        var dto = png.Value!;
        // A PNG named .pdf is a PNG, by type and by name.
        Assert.Equal(("receipt.png", "image/png", AttachmentFiles.Png.Length, "alice"), (dto.FileName, dto.ContentType, dto.Size, dto.UploadedByName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(AttachmentFiles.Png)), dto.Sha256);
        Assert.Equal(["a.jpg image/jpeg", "b.gif image/gif", "c.webp image/webp", "d.PDF application/pdf"], kinds);
        var file = await Attachments.GetFileAsync(alice.Actor, alice.BookId, lunch, dto.Id);
        Assert.Equal(AttachmentFiles.Png, file.Value!.Content);
        var listed = await Attachments.ListAsync(alice.Actor, alice.BookId, lunch);
        Assert.Equal(["receipt.png", "a.jpg", "b.gif", "c.webp", "d.PDF"], listed.Value!.Select(a => a.FileName));

        await using var db = await ledger.DbAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.AttachmentAdded && e.EntityId == dto.Id.ToString());
        Assert.Equal((alice.UserId, alice.BookId), (audit.UserId, audit.BookId));
        Assert.Contains(dto.Sha256, audit.Details);
        Assert.Contains(lunch.ToString(), audit.Details);
    }

    [DbFact]
    public async Task Markup_scripts_empty_files_and_files_past_the_limit_are_refused_with_a_clear_message_and_nothing_is_written()
    {
        var before = await CountsAsync();
        var refused = new[]
        {
            await AddAsync(alice, AttachmentFiles.Html, "receipt.png"),
            await AddAsync(alice, AttachmentFiles.Svg, "logo.svg"),
            await AddAsync(alice, AttachmentFiles.Script, "photo.jpg"),
            await AddAsync(alice, AttachmentFiles.LatePdf, "scan.pdf"),
        };
        var empty = await AddAsync(alice, [], "nothing.png");
        var tooLarge = await AddAsync(alice, [.. AttachmentFiles.Png, .. new byte[Limit + 1 - AttachmentFiles.Png.Length]], "huge.png");
        var afterRefusals = await CountsAsync();
        var atTheLimit = await AddAsync(alice, [.. AttachmentFiles.Png, .. new byte[Limit - AttachmentFiles.Png.Length]], "just.png");

        Assert.All(refused, r =>
        {
            Assert.Equal(ResultStatus.Invalid, r.Status);
            Assert.Equal(FileKinds.RefusedMessage, r.Message);
        });
        Assert.Equal((ResultStatus.Invalid, "The file is empty."), (empty.Status, empty.Message));
        Assert.Equal(ResultStatus.Invalid, tooLarge.Status);
        Assert.Contains("4 KB", tooLarge.Message);
        Assert.Equal(before, afterRefusals);
        Assert.Equal(ResultStatus.Created, atTheLimit.Status);
        Assert.Equal((before.Attachments + 1, before.Audit + 1), await CountsAsync());
    }

    [DbFact]
    public async Task A_name_is_stored_sanitized()
    {
        var added = await AddAsync(alice, AttachmentFiles.Jpeg, "..\\..\\Windows\\receipt\u202Egpj.exe\r\n");

        Assert.Equal("receiptgpj.exe.jpg", added.Value!.FileName);
    }

    [DbFact]
    public async Task Outsiders_get_not_found_with_any_ids_viewers_only_see_and_editors_add_and_remove()
    {
        var receipt = (await AddAsync(alice, AttachmentFiles.Png, "receipt.png")).Value!;
        var bob = await ledger.CreateUserAsync("bob");
        var viewer = await ledger.CreateUserAsync("vera");
        var editor = await ledger.CreateUserAsync("eddie");
        await ledger.AddMemberAsync(alice.BookId, viewer, BookRole.Viewer);
        await ledger.AddMemberAsync(alice.BookId, editor, BookRole.Editor);
        var limited = alice with { Actor = new Actor(alice.UserId, OnlyBook: bob.BookId) };
        var bobCash = await ledger.CreateAccountAsync(bob, "Cash");
        var bobFood = await ledger.CreateAccountAsync(bob, "Food", AccountType.Expense);
        var bobs = (await ledger.TransferAsync(bob, bobCash, bobFood, 1_00)).Id;
        var before = await CountsAsync();

        foreach (var outsider in new[] { bob, limited })
        {
            // Alice's ids, in her book or in the outsider's own: the same answer as for ids that do not exist.
            foreach (var book in new[] { alice.BookId, outsider.BookId })
            {
                Assert.Equal(ResultStatus.NotFound, (await Attachments.ListAsync(outsider.Actor, book, lunch)).Status);
                Assert.Equal(ResultStatus.NotFound, (await Attachments.GetFileAsync(outsider.Actor, book, lunch, receipt.Id)).Status);
                Assert.Equal(ResultStatus.NotFound, (await AddAsync(outsider, AttachmentFiles.Png, "x.png", book)).Status);
                Assert.Equal(ResultStatus.NotFound, (await Attachments.RemoveAsync(outsider.Actor, book, lunch, receipt.Id)).Status);
            }
        }
        // Bob's own transaction id does not open Alice's attachment, nor hers his.
        Assert.Equal(ResultStatus.NotFound, (await Attachments.GetFileAsync(bob.Actor, bob.BookId, bobs, receipt.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Attachments.ListAsync(alice.Actor, alice.BookId, bobs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await AddAsync(alice, AttachmentFiles.Png, "x.png", transactionId: bobs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Attachments.GetFileAsync(alice.Actor, alice.BookId, Guid.NewGuid(), receipt.Id)).Status);

        Assert.Single((await Attachments.ListAsync(viewer.Actor, alice.BookId, lunch)).Value!);
        Assert.Equal(AttachmentFiles.Png, (await Attachments.GetFileAsync(viewer.Actor, alice.BookId, lunch, receipt.Id)).Value!.Content);
        Assert.Equal(ResultStatus.Forbidden, (await AddAsync(viewer, AttachmentFiles.Png, "x.png")).Status);
        Assert.Equal(ResultStatus.Forbidden, (await Attachments.RemoveAsync(viewer.Actor, alice.BookId, lunch, receipt.Id)).Status);
        Assert.Equal(before, await CountsAsync());

        Assert.Equal(ResultStatus.Created, (await AddAsync(editor, AttachmentFiles.Gif, "eddie.gif")).Status);
        Assert.Equal(ResultStatus.Ok, (await Attachments.RemoveAsync(editor.Actor, alice.BookId, lunch, receipt.Id)).Status);
        Assert.Equal(["eddie.gif"], (await Attachments.ListAsync(alice.Actor, alice.BookId, lunch)).Value!.Select(a => a.FileName));
    }

    [DbFact]
    public async Task Removing_deletes_the_content_and_is_audited_while_a_voided_transaction_keeps_its_attachments_and_amounts_never_change()
    {
        var receipt = (await AddAsync(alice, AttachmentFiles.Pdf, "receipt.pdf")).Value!;
        var other = (await AddAsync(alice, AttachmentFiles.Png, "photo.png")).Value!;
        Assert.True((await ledger.Postings.VoidAsync(alice.Actor, alice.BookId, lunch)).Succeeded);

        Assert.Equal(2, (await Attachments.ListAsync(alice.Actor, alice.BookId, lunch)).Value!.Count);
        var removed = await Attachments.RemoveAsync(alice.Actor, alice.BookId, lunch, receipt.Id);
        var again = await Attachments.RemoveAsync(alice.Actor, alice.BookId, lunch, receipt.Id);

        Assert.Equal((ResultStatus.Ok, "receipt.pdf"), (removed.Status, removed.Value!.FileName));
        Assert.Equal(ResultStatus.NotFound, again.Status);
        Assert.Equal(ResultStatus.NotFound, (await Attachments.GetFileAsync(alice.Actor, alice.BookId, lunch, receipt.Id)).Status);
        await using var db = await ledger.DbAsync();
        Assert.Equal([other.Id], await db.Attachments.Select(a => a.Id).ToListAsync());
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.AttachmentRemoved);
        Assert.Equal((receipt.Id.ToString(), alice.UserId), (audit.EntityId, audit.UserId));
        Assert.Contains(receipt.Sha256, audit.Details);
        Assert.Equal(0, await ledger.BalanceAsync(food));
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task An_archived_book_keeps_its_attachments_readable_and_refuses_changes()
    {
        var receipt = (await AddAsync(alice, AttachmentFiles.Png, "receipt.png")).Value!;
        Assert.True((await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, true)).Succeeded);

        Assert.Single((await Attachments.ListAsync(alice.Actor, alice.BookId, lunch)).Value!);
        Assert.Equal(ResultStatus.Conflict, (await AddAsync(alice, AttachmentFiles.Png, "x.png")).Status);
        Assert.Equal(ResultStatus.Conflict, (await Attachments.RemoveAsync(alice.Actor, alice.BookId, lunch, receipt.Id)).Status);
    }
}

public sealed class AttachmentServiceTestsOnSqlite : AttachmentServiceTests;

public sealed class AttachmentServiceTestsOnPostgres : AttachmentServiceTests, IOnPostgres;
