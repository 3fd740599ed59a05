using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Users;

/// <summary>
/// The one way a user is deleted, whether they close their own account or an admin deletes them. Everything it decides on
/// is read inside the write transaction that deletes, after it has taken the administration lock (the last-admin rule) and
/// the locks of every book the user belongs to (the last-owner rule), so nothing can change between the checks and the
/// delete, and a failure anywhere leaves the user, their books and the audit log as they were.
/// </summary>
internal sealed class UserDeletionService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, AttachmentFolder attachmentFolder)
{
    /// <summary>Closes the actor's own account. Books only they use go with them; a book others use needs another owner first.</summary>
    public Task<Result<DeletedUser>> DeleteSelfAsync(Actor actor, CancellationToken ct = default) =>
        DeleteAsync(actor, actor.UserId, adminChoice: null, ct);

    /// <summary>An admin deletes a user; books only that user owns are deleted or handed to the admin, as the admin chose.</summary>
    public Task<Result<DeletedUser>> DeleteByAdminAsync(Actor admin, string userId, SoleOwnedBooks books, CancellationToken ct = default) =>
        // An admin deleting their own account follows the rules for everyone else who does.
        DeleteAsync(admin, userId, admin.UserId == userId ? null : books, ct);

    /// <summary>The books that stop the actor from closing their account, for the page to list before they try.</summary>
    public async Task<IReadOnlyList<SharedBookOnlyOwned>> SharedBooksOnlyOwnedByAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SharedBooksOnlyOwnedByAsync(db, actor.UserId, ct);
    }

    private Task<Result<DeletedUser>> DeleteAsync(Actor actor, string userId, SoleOwnedBooks? adminChoice, CancellationToken ct) =>
        DbRetry.RunAsync(c => DeleteOnceAsync(actor, userId, adminChoice, c), ct);

    private async Task<Result<DeletedUser>> DeleteOnceAsync(Actor actor, string userId, SoleOwnedBooks? adminChoice, CancellationToken ct)
    {
        var self = adminChoice is null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.BeginWriteTransactionAsync(ct);
        await db.LockAdministrationAsync(ct);
        if (!self && !await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<DeletedUser>.Forbidden(AdminAccess.Denied);
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return Result<DeletedUser>.NotFound("User not found.");
        }
        // Every book the user is in: whether they are its last owner, and what becomes of it, is decided under its lock.
        await db.LockBooksAsync(await db.BookMembers.Where(m => m.UserId == userId).Select(m => m.BookId).ToListAsync(ct), ct);
        var now = clock.GetUtcNow();
        if (await AdminAccess.WouldLeaveNoActiveAdminAsync(db, userId, now, ct))
        {
            return Result<DeletedUser>.Conflict(self
                ? "You are the last active administrator, so your account cannot be closed. Make someone else an administrator first."
                : AdminAccess.LastAdmin("deleted"));
        }
        if (self)
        {
            var blocking = await SharedBooksOnlyOwnedByAsync(db, userId, ct);
            if (blocking.Count > 0)
            {
                return Result<DeletedUser>.Conflict(
                    $"You are the only owner of {string.Join(", ", blocking.Select(b => $"\"{b.Name}\""))}, which others use. " +
                    "Make someone else an owner of each, or delete it, before closing your account.");
            }
        }

        var soleOwned = await SoleOwnedBookIdsAsync(db, userId, ct);
        var handOver = adminChoice == SoleOwnedBooks.TransferToMe;
        foreach (var bookId in soleOwned)
        {
            if (handOver)
            {
                await MakeOwnerAsync(db, bookId, actor.UserId, now.UtcDateTime, ct);
            }
            else
            {
                await BookRows.DeleteAsync(db, bookId, ct);
            }
        }
        db.Audit(now.UtcDateTime, actor.UserId, null, AuditActions.UserDeleted, "User", userId, new
        {
            user.Email,
            Self = self,
            SoleOwnedBooks = soleOwned.Count,
            Books = handOver ? nameof(SoleOwnedBooks.TransferToMe) : nameof(SoleOwnedBooks.Delete),
        });
        await db.SaveChangesAsync(ct);
        // Roles, logins, tokens, passkeys, API tokens and book memberships go with the row (cascading foreign keys).
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        if (!handOver)
        {
            // The deleted books' receipts in the attachments folder go with them.
            foreach (var bookId in soleOwned)
            {
                attachmentFolder.DeleteBook(bookId);
            }
        }
        return Result<DeletedUser>.Ok(new DeletedUser(userId, user.Email, handOver ? 0 : soleOwned.Count, handOver ? soleOwned.Count : 0));
    }

    private static Task<List<Guid>> SoleOwnedBookIdsAsync(LedgerDbContext db, string userId, CancellationToken ct) =>
        db.BookMembers.Where(m => m.UserId == userId && m.Role == BookRole.Owner)
            .Where(m => !db.BookMembers.Any(o => o.BookId == m.BookId && o.UserId != userId && o.Role == BookRole.Owner))
            .Select(m => m.BookId).ToListAsync(ct);

    private static async Task<IReadOnlyList<SharedBookOnlyOwned>> SharedBooksOnlyOwnedByAsync(LedgerDbContext db, string userId, CancellationToken ct) =>
        await db.BookMembers.Where(m => m.UserId == userId && m.Role == BookRole.Owner)
            .Where(m => !db.BookMembers.Any(o => o.BookId == m.BookId && o.UserId != userId && o.Role == BookRole.Owner))
            .Where(m => db.BookMembers.Any(o => o.BookId == m.BookId && o.UserId != userId))
            .OrderBy(m => m.Book!.Name)
            .Select(m => new SharedBookOnlyOwned(m.BookId, m.Book!.Name))
            .ToListAsync(ct);

    private static async Task MakeOwnerAsync(LedgerDbContext db, Guid bookId, string userId, DateTime now, CancellationToken ct)
    {
        if (await db.BookMembers.FirstOrDefaultAsync(m => m.BookId == bookId && m.UserId == userId, ct) is { } membership)
        {
            membership.Role = BookRole.Owner;
        }
        else
        {
            db.BookMembers.Add(new BookMember { BookId = bookId, UserId = userId, Role = BookRole.Owner, CreatedAt = now });
        }
    }
}
