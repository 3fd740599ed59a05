using System.Globalization;
using System.Security.Cryptography;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Attachments;

/// <summary>
/// Receipts attached to transactions: book members see and download them, editors add and remove them. Outside the book,
/// a transaction's attachments are "not found" like the transaction itself, whichever ids the caller tries.
/// </summary>
internal sealed class AttachmentService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, IOptions<AttachmentOptions> options,
    AttachmentFolder folder)
{
    public const string TransactionNotFound = "Transaction not found.";
    public const string NotFoundMessage = "Attachment not found.";

    public long MaxBytes => options.Value.MaxBytes;

    public Task<Result<IReadOnlyList<AttachmentDto>>> ListAsync(Actor actor, Guid bookId, Guid transactionId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            if (!await TransactionExistsAsync(session.Db, bookId, transactionId, ct))
            {
                return Result<IReadOnlyList<AttachmentDto>>.NotFound(TransactionNotFound);
            }
            IReadOnlyList<AttachmentDto> list = await Dtos(session.Db, session.Db.Attachments
                .Where(a => a.BookId == bookId && a.TransactionId == transactionId)
                .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id))
                .ToListAsync(ct);
            return Result<IReadOnlyList<AttachmentDto>>.Ok(list);
        }, ct);

    public Task<Result<AttachmentFile>> GetFileAsync(Actor actor, Guid bookId, Guid transactionId, Guid attachmentId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var attachment = await FindAsync(session.Db, bookId, transactionId, attachmentId, ct);
            if (attachment is null)
            {
                return Result<AttachmentFile>.NotFound(NotFoundMessage);
            }
            var content = await session.Db.Attachments.Where(a => a.Id == attachmentId).Select(a => a.Content).FirstAsync(ct);
            if (content is null)
            {
                // Kept in the folder: served only if it is still the file that was attached.
                (content, var problem) = await folder.ReadAsync(bookId, attachmentId, attachment.Size, attachment.Sha256, ct);
                if (content is null)
                {
                    return Result<AttachmentFile>.NotFound(problem ?? NotFoundMessage);
                }
            }
            return Result<AttachmentFile>.Ok(new AttachmentFile(attachment, content));
        }, ct);

    /// <summary>
    /// Reads the file (refusing it past the size limit without reading on), decides its kind by its bytes, and stores it with
    /// its hash. The file is read before the book's lock is taken, so a slow upload holds up no other write to the book. With
    /// an attachments folder the file is written there first, and deleted again unless the attachment is then recorded.
    /// </summary>
    public async Task<Result<AttachmentDto>> AddAsync(Actor actor, AddAttachment command, CancellationToken ct = default)
    {
        var (content, problem) = await ReadAsync(command.Content, ct);
        if (problem is not null)
        {
            return Result<AttachmentDto>.Invalid(nameof(AddAttachment.Content), problem);
        }
        if (FileKinds.Detect(content) is not { } kind)
        {
            return Result<AttachmentDto>.Invalid(nameof(AddAttachment.Content), FileKinds.RefusedMessage);
        }
        var fileName = FileNames.Sanitize(command.FileName, kind);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var id = Guid.CreateVersion7();
        var inFolder = folder.Enabled;
        if (!inFolder)
        {
            return await RecordAsync(actor, command, id, fileName, kind, content, sha256, inFolder, ct);
        }
        await folder.WriteAsync(command.BookId, id, content, ct);
        Result<AttachmentDto>? recorded = null;
        try
        {
            recorded = await RecordAsync(actor, command, id, fileName, kind, content, sha256, inFolder, ct);
            return recorded;
        }
        finally
        {
            if (recorded?.Status != ResultStatus.Created)
            {
                folder.Delete(command.BookId, id);
            }
        }
    }

    private Task<Result<AttachmentDto>> RecordAsync(Actor actor, AddAttachment command, Guid id, string fileName, FileKind kind,
        byte[] content, string sha256, bool inFolder, CancellationToken ct) =>
        dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            if (!await TransactionExistsAsync(db, command.BookId, command.TransactionId, ct))
            {
                return Result<AttachmentDto>.NotFound(TransactionNotFound);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var attachment = new Attachment
            {
                Id = id, BookId = command.BookId, TransactionId = command.TransactionId, FileName = fileName, ContentType = kind.ContentType,
                Size = content.Length, Sha256 = sha256, Content = inFolder ? null : content, UploadedById = actor.UserId, UploadedAt = now,
            };
            db.Attachments.Add(attachment);
            db.Audit(now, actor.UserId, command.BookId, AuditActions.AttachmentAdded, nameof(Attachment), attachment.Id,
                new { attachment.TransactionId, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256 });
            await db.SaveChangesAsync(ct);
            var added = await FindAsync(db, command.BookId, command.TransactionId, attachment.Id, ct);
            await session.CommitAsync(ct);
            return Result<AttachmentDto>.Created(added!);
        }, ct);

    /// <summary>
    /// Deletes the attachment and its content; the audit log keeps its name, type, size and hash. A file in the attachments
    /// folder is deleted once the removal is committed.
    /// </summary>
    public async Task<Result<AttachmentDto>> RemoveAsync(Actor actor, Guid bookId, Guid transactionId, Guid attachmentId, CancellationToken ct = default)
    {
        var removed = await RemoveRowAsync(actor, bookId, transactionId, attachmentId, ct);
        if (removed.Succeeded)
        {
            folder.Delete(bookId, attachmentId);
        }
        return removed;
    }

    private Task<Result<AttachmentDto>> RemoveRowAsync(Actor actor, Guid bookId, Guid transactionId, Guid attachmentId, CancellationToken ct) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var attachment = await FindAsync(db, bookId, transactionId, attachmentId, ct);
            if (attachment is null)
            {
                return Result<AttachmentDto>.NotFound(NotFoundMessage);
            }
            await db.Attachments.Where(a => a.Id == attachmentId).ExecuteDeleteAsync(ct);
            db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.AttachmentRemoved, nameof(Attachment), attachmentId,
                new { attachment.TransactionId, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256 });
            await db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<AttachmentDto>.Ok(attachment);
        }, ct);

    public string TooLargeMessage(long? size = null) => size is { } bytes
        // In bytes too: a file just over the limit would otherwise read as its very size ("10.00 MB; at most 10 MB").
        ? string.Create(CultureInfo.InvariantCulture,
            $"This file is {bytes / (1024.0 * 1024):0.00} MB ({bytes:N0} bytes); a file can be at most {options.Value.MaxSizeText} ({options.Value.MaxBytes:N0} bytes).")
        : $"The file is larger than {options.Value.MaxSizeText}, the most a file can be.";

    private async Task<(byte[] Content, string? Problem)> ReadAsync(Stream stream, CancellationToken ct)
    {
        var max = options.Value.MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return ([], TooLargeMessage());
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? ([], "The file is empty.") : (buffer.ToArray(), null);
    }

    private static Task<bool> TransactionExistsAsync(LedgerDbContext db, Guid bookId, Guid transactionId, CancellationToken ct) =>
        db.Transactions.AnyAsync(t => t.BookId == bookId && t.Id == transactionId, ct);

    /// <summary>The attachment if it belongs to this transaction in this book: any other pairing of ids finds nothing.</summary>
    private static Task<AttachmentDto?> FindAsync(LedgerDbContext db, Guid bookId, Guid transactionId, Guid attachmentId, CancellationToken ct) =>
        Dtos(db, db.Attachments.Where(a => a.BookId == bookId && a.TransactionId == transactionId && a.Id == attachmentId)).FirstOrDefaultAsync(ct);

    private static IQueryable<AttachmentDto> Dtos(LedgerDbContext db, IQueryable<Attachment> attachments) =>
        attachments.AsNoTracking().Select(a => new AttachmentDto(a.Id, a.TransactionId, a.FileName,
            a.ContentType, a.Size, a.Sha256, db.Users.Where(u => u.Id == a.UploadedById).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            a.UploadedAt));
}
