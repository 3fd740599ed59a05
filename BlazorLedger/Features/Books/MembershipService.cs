using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Books;

/// <summary>Who belongs to a book and with which role. Owners manage members; a book always keeps at least one owner.</summary>
internal sealed class MembershipService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, BookChangeNotifier notifier)
{
    private const string LastOwner = "A book must keep at least one owner; make someone else an owner first.";
    private const string LastOwnerLeaving = "You are this book's last owner, and a book must keep at least one owner: make someone else an owner before you leave.";

    public Task<Result<IReadOnlyList<MemberDto>>> ListAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Viewer, write: false, async session =>
        {
            var members = await session.Db.BookMembers.AsNoTracking()
                .Where(m => m.BookId == bookId)
                .Select(m => new MemberDto(m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role, m.CreatedAt))
                .ToListAsync(ct);
            IReadOnlyList<MemberDto> ordered = members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
            return Result<IReadOnlyList<MemberDto>>.Ok(ordered);
        }, ct);

    public async Task<Result<MemberDto>> ChangeRoleAsync(Actor actor, Guid bookId, string userId, BookRole role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role))
        {
            return Result<MemberDto>.Invalid("Role", "Choose Owner, Editor or Viewer.");
        }
        return await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var member = await session.Db.BookMembers.Include(m => m.User).FirstOrDefaultAsync(m => m.BookId == bookId && m.UserId == userId, ct);
            if (member is null)
            {
                return Result<MemberDto>.NotFound("This person is not a member of the book.");
            }
            if (member.Role == BookRole.Owner && role != BookRole.Owner && await IsLastOwnerAsync(session.Db, bookId, ct))
            {
                return Result<MemberDto>.Conflict(LastOwner);
            }
            var before = member.Role;
            member.Role = role;
            session.Db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.MemberRoleChanged, nameof(BookMember), userId,
                new { From = before.ToString(), To = role.ToString() });
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(bookId, BookChangeKind.Members));
            return Result<MemberDto>.Ok(ToDto(member));
        }, ct);
    }

    /// <summary>An owner removes a member, or a member leaves (removes themselves).</summary>
    public async Task<Result<MemberDto>> RemoveAsync(Actor actor, Guid bookId, string userId, CancellationToken ct = default)
    {
        var required = userId == actor.UserId ? BookRole.Viewer : BookRole.Owner;
        return await dbFactory.InBookAsync(actor, bookId, required, write: true, async session =>
        {
            var member = await session.Db.BookMembers.Include(m => m.User).FirstOrDefaultAsync(m => m.BookId == bookId && m.UserId == userId, ct);
            if (member is null)
            {
                return Result<MemberDto>.NotFound("This person is not a member of the book.");
            }
            if (member.Role == BookRole.Owner && await IsLastOwnerAsync(session.Db, bookId, ct))
            {
                return Result<MemberDto>.Conflict(userId == actor.UserId ? LastOwnerLeaving : LastOwner);
            }
            session.Db.BookMembers.Remove(member);
            session.Db.Audit(clock.GetUtcNow().UtcDateTime, actor.UserId, bookId, AuditActions.MemberRemoved, nameof(BookMember), userId,
                new { Role = member.Role.ToString(), Left = userId == actor.UserId });
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            notifier.Publish(new BookChange(bookId, BookChangeKind.Members));
            return Result<MemberDto>.Ok(ToDto(member));
        }, ct);
    }

    private static async Task<bool> IsLastOwnerAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        await db.BookMembers.CountAsync(m => m.BookId == bookId && m.Role == BookRole.Owner, ct) <= 1;

    private static MemberDto ToDto(BookMember m) => new(m.UserId, m.User?.DisplayName ?? "", m.User?.Email ?? "", m.Role, m.CreatedAt);
}
