using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Tests.Attachments;

/// <summary>Attachments kept in a configured folder: the database keeps the row, the folder the bytes.</summary>
public abstract class AttachmentFolderTests : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ledger-attachments-");
    private TestLedger ledger = default!;
    private TestUser alice = default!;
    private Guid lunch;

    private AttachmentService Attachments => ledger.Services.GetRequiredService<AttachmentService>();

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this, configure: services => services.Configure<AttachmentOptions>(o => o.Folder = folder.FullName));
        alice = await ledger.CreateUserAsync("alice");
        var cash = await ledger.CreateAccountAsync(alice, "Cash");
        var food = await ledger.CreateAccountAsync(alice, "Food", AccountType.Expense);
        lunch = (await ledger.TransferAsync(alice, cash, food, 12_50, description: "Lunch")).Id;
    }

    public async Task DisposeAsync()
    {
        await ledger.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private Task<Result<AttachmentDto>> AddAsync(TestUser user, byte[] content, Guid? bookId = null, Guid? transactionId = null) =>
        Attachments.AddAsync(user.Actor, new AddAttachment(bookId ?? alice.BookId, transactionId ?? lunch, "receipt", AttachmentFiles.Stream(content)));

    private string PathOf(Guid attachmentId) => Path.Combine(folder.FullName, alice.BookId.ToString("N"), attachmentId.ToString("N"));

    private string[] FilesInFolder() => Directory.GetFiles(folder.FullName, "*", SearchOption.AllDirectories);

    [DbFact]
    public async Task A_new_attachment_is_written_to_the_folder_served_from_it_and_deleted_with_it()
    {
        var receipt = (await AddAsync(alice, AttachmentFiles.Png)).Value!;

        Assert.Equal(AttachmentFiles.Png, await File.ReadAllBytesAsync(PathOf(receipt.Id)));
        await using (var db = await ledger.DbAsync())
        {
            var row = await db.Attachments.SingleAsync();
            Assert.Null(row.Content);
            Assert.Equal((AttachmentFiles.Png.LongLength, receipt.Sha256), (row.Size, row.Sha256));
        }
        Assert.Equal(AttachmentFiles.Png, (await Attachments.GetFileAsync(alice.Actor, alice.BookId, lunch, receipt.Id)).Value!.Content);
        Assert.Equal([receipt.Id], (await Attachments.ListAsync(alice.Actor, alice.BookId, lunch)).Value!.Select(a => a.Id));

        Assert.True((await Attachments.RemoveAsync(alice.Actor, alice.BookId, lunch, receipt.Id)).Succeeded);

        Assert.Empty(FilesInFolder());
        await ledger.AssertInvariantsAsync();
    }

    [DbFact]
    public async Task A_file_changed_or_missing_in_the_folder_is_never_served_and_says_why()
    {
        var changed = (await AddAsync(alice, AttachmentFiles.Png)).Value!;
        var missing = (await AddAsync(alice, AttachmentFiles.Jpeg)).Value!;
        var bytes = (byte[])AttachmentFiles.Png.Clone();
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(PathOf(changed.Id), bytes);
        File.Delete(PathOf(missing.Id));

        var changedFile = await Attachments.GetFileAsync(alice.Actor, alice.BookId, lunch, changed.Id);
        var missingFile = await Attachments.GetFileAsync(alice.Actor, alice.BookId, lunch, missing.Id);

        Assert.Equal((ResultStatus.NotFound, AttachmentFolder.ChangedMessage), (changedFile.Status, changedFile.Message));
        Assert.Equal((ResultStatus.NotFound, AttachmentFolder.MissingMessage), (missingFile.Status, missingFile.Message));
        // Removing what is left of them still works.
        Assert.True((await Attachments.RemoveAsync(alice.Actor, alice.BookId, lunch, missing.Id)).Succeeded);
    }

    [DbFact]
    public async Task Attachments_kept_in_the_database_before_the_folder_was_set_are_still_served_from_it()
    {
        var earlier = new Attachment
        {
            BookId = alice.BookId, TransactionId = lunch, FileName = "old.png", ContentType = "image/png", Size = AttachmentFiles.Png.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(AttachmentFiles.Png)), Content = AttachmentFiles.Png,
            UploadedById = alice.UserId, UploadedAt = DateTime.UtcNow,
        };
        await using (var db = await ledger.DbAsync())
        {
            db.Attachments.Add(earlier);
            await db.SaveChangesAsync();
        }

        Assert.Equal(AttachmentFiles.Png, (await Attachments.GetFileAsync(alice.Actor, alice.BookId, lunch, earlier.Id)).Value!.Content);
        Assert.True((await Attachments.RemoveAsync(alice.Actor, alice.BookId, lunch, earlier.Id)).Succeeded);
        await using var after = await ledger.DbAsync();
        Assert.False(await after.Attachments.AnyAsync());
    }

    [DbFact]
    public async Task A_refused_attachment_leaves_no_file_behind()
    {
        var bob = await ledger.CreateUserAsync("bob");

        Assert.Equal(ResultStatus.NotFound, (await AddAsync(bob, AttachmentFiles.Png)).Status);
        Assert.Equal(ResultStatus.NotFound, (await AddAsync(alice, AttachmentFiles.Png, transactionId: Guid.NewGuid())).Status);
        Assert.Equal(ResultStatus.Invalid, (await AddAsync(alice, "<script>alert(1)</script>"u8.ToArray())).Status);
        Assert.True((await ledger.Books.SetArchivedAsync(alice.Actor, alice.BookId, true)).Succeeded);
        Assert.Equal(ResultStatus.Conflict, (await AddAsync(alice, AttachmentFiles.Png)).Status);

        Assert.Empty(FilesInFolder());
        await using var db = await ledger.DbAsync();
        Assert.False(await db.Attachments.AnyAsync());
    }

    [DbFact]
    public async Task Closing_an_account_deletes_its_books_files_from_the_folder()
    {
        await AddAsync(alice, AttachmentFiles.Png);
        await AddAsync(alice, AttachmentFiles.Pdf);
        Assert.Equal(2, FilesInFolder().Length);

        Assert.True((await ledger.Services.GetRequiredService<UserDeletionService>().DeleteSelfAsync(alice.Actor)).Succeeded);

        Assert.False(Directory.Exists(Path.Combine(folder.FullName, alice.BookId.ToString("N"))));
    }
}

public sealed class AttachmentFolderTestsOnSqlite : AttachmentFolderTests
{
    [Fact]
    public void A_folder_that_cannot_be_written_stops_the_app_at_start_up_naming_the_setting()
    {
        var file = Path.GetTempFileName();
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Attachments:Folder"] = Path.Combine(file, "receipts") }).Build();
            using var services = new ServiceCollection().AddLogging().AddAttachments(configuration).BuildServiceProvider();

            var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AttachmentOptions>>().Value);

            Assert.Contains("Attachments:Folder", refused.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_relative_folder_is_taken_from_the_app_folder()
    {
        var root = Directory.CreateTempSubdirectory("ledger-app-");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Attachments:Folder"] = "receipts" }).Build();
            using var services = new ServiceCollection().AddLogging().AddAttachments(configuration, root.FullName).BuildServiceProvider();

            Assert.Equal(Path.Combine(root.FullName, "receipts"), services.GetRequiredService<IOptions<AttachmentOptions>>().Value.Folder);
            Assert.True(Directory.Exists(Path.Combine(root.FullName, "receipts")));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}

public sealed class AttachmentFolderTestsOnPostgres : AttachmentFolderTests, IOnPostgres;
