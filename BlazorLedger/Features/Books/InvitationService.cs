using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Mail;
using BlazorLedger.Features.Users;
using BlazorLedger.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Books;

/// <summary>
/// Invitations to sign up (from an admin) or to join a book (from its owner). The link carries a random token; only its
/// hash is stored. Accepting checks the token, the expiry and that the signed-in user owns the invited address.
/// </summary>
internal sealed class InvitationService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, Outbox outbox,
    IOptions<InvitationOptions> options, BookChangeNotifier notifier, PublicAddress publicAddress)
{
    public async Task<Result<InvitationDto>> InviteToBookAsync(Actor actor, Guid bookId, string email, BookRole role,
        CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        var errors = new ValidationErrors();
        if (!IsEmail(email))
        {
            errors.Add("Email", "Enter an e-mail address such as name@example.com.");
        }
        if (!Enum.IsDefined(role))
        {
            errors.Add("Role", "Choose Owner, Editor or Viewer.");
        }
        if (errors.Any)
        {
            return errors.ToResult<InvitationDto>();
        }

        // The mail is sent once the operation has ended: the outbox writes on a connection of its own, which would wait for
        // the operation's write lock.
        var invited = await dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var normalized = Normalize(email);
            if (await session.Db.BookMembers.AnyAsync(m => m.BookId == bookId && m.User!.NormalizedEmail == normalized, ct))
            {
                return Result<InvitationDto>.Invalid("Email", "This person is already a member of the book.");
            }
            var bookName = await session.Db.Books.Where(b => b.Id == bookId).Select(b => b.Name).SingleAsync(ct);
            var (invitation, link) = NewInvitation(InvitationKind.Book, email, actor);
            // Inviting again sends a new link in place of the old: one pending invitation per address, and the old link
            // stops working (a resend, or a change of role).
            var earlier = await session.Db.Invitations
                .Where(i => i.BookId == bookId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
                .ToListAsync(ct);
            foreach (var old in earlier)
            {
                old.RevokedAt = invitation.CreatedAt;
                session.Db.Audit(invitation.CreatedAt, actor.UserId, bookId, AuditActions.InvitationRevoked, nameof(Invitation), old.Id);
            }
            invitation.BookId = bookId;
            invitation.Role = role;
            session.Db.Invitations.Add(invitation);
            session.Db.Audit(invitation.CreatedAt, actor.UserId, bookId, AuditActions.InvitationCreated, nameof(Invitation), invitation.Id,
                new { Email = email, Role = role.ToString() });
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<InvitationDto>.Created(ToDto(invitation, bookName) with { Link = link });
        }, ct);
        if (invited.Value is not { } dto)
        {
            return invited;
        }
        await outbox.SendAsync(email, $"You are invited to the book \"{dto.BookName}\"",
            MailHtml.Format($"""
                <p>You have been invited to the BlazorLedger book <strong>{dto.BookName}</strong> as {role}.</p>
                <p><a href="{dto.Link}">Accept the invitation</a> (valid until {dto.ExpiresAt:yyyy-MM-dd HH:mm} UTC).</p>
                """), ct);
        return invited;
    }

    /// <summary>An admin invites someone to create an account while registration is invite-only.</summary>
    public async Task<Result<InvitationDto>> InviteToSignUpAsync(Actor actor, string email, CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        if (!IsEmail(email))
        {
            return Result<InvitationDto>.Invalid("Email", "Enter an e-mail address such as name@example.com.");
        }
        string link;
        InvitationDto dto;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await AdminAccess.IsAdminAsync(db, actor, ct))
            {
                return Result<InvitationDto>.Forbidden(AdminAccess.Denied);
            }
            var normalized = Normalize(email);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            {
                return Result<InvitationDto>.Invalid("Email", "Someone with this e-mail address already has an account.");
            }
            (var invitation, link) = NewInvitation(InvitationKind.SignUp, email, actor);
            db.Invitations.Add(invitation);
            db.Audit(invitation.CreatedAt, actor.UserId, null, AuditActions.InvitationCreated, nameof(Invitation), invitation.Id, new { Email = email });
            await db.SaveChangesAsync(ct);
            dto = ToDto(invitation, null) with { Link = link };
        }
        await outbox.SendAsync(email, "You are invited to BlazorLedger",
            MailHtml.Format($"""
                <p>You have been invited to create a BlazorLedger account.</p>
                <p><a href="{link}">Create your account</a> (valid until {dto.ExpiresAt:yyyy-MM-dd HH:mm} UTC).</p>
                """), ct);
        return Result<InvitationDto>.Created(dto);
    }

    /// <summary>What a link holder may know about their invitation; the token is the credential.</summary>
    public async Task<InvitationDto?> FindAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.Book).FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is null ? null : ToDto(invitation, invitation.Book?.Name);
    }

    public Task<Result<IReadOnlyList<InvitationDto>>> ListPendingAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: false, async session =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = await session.Db.Invitations.AsNoTracking().Include(i => i.Book)
                .Where(i => i.BookId == bookId && i.AcceptedAt == null && i.RevokedAt == null)
                .OrderByDescending(i => i.CreatedAt)
                .ToListAsync(ct);
            IReadOnlyList<InvitationDto> items = pending.Select(i => ToDto(i, i.Book?.Name)).ToList();
            return Result<IReadOnlyList<InvitationDto>>.Ok(items);
        }, ct);

    public Task<Result<InvitationDto>> RevokeAsync(Actor actor, Guid bookId, Guid invitationId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Owner, write: true, async session =>
        {
            var invitation = await session.Db.Invitations.Include(i => i.Book).FirstOrDefaultAsync(i => i.Id == invitationId && i.BookId == bookId, ct);
            if (invitation is null)
            {
                return Result<InvitationDto>.NotFound("Invitation not found.");
            }
            if (invitation.AcceptedAt is not null)
            {
                return Result<InvitationDto>.Conflict("This invitation has already been accepted; remove the member instead.");
            }
            invitation.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
            session.Db.Audit(invitation.RevokedAt.Value, actor.UserId, bookId, AuditActions.InvitationRevoked, nameof(Invitation), invitation.Id);
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<InvitationDto>.Ok(ToDto(invitation, invitation.Book?.Name));
        }, ct);

    /// <summary>The signed-in user accepts a book invitation addressed to their e-mail: they join the book with its role.</summary>
    public async Task<Result<InvitationDto>> AcceptAsync(Actor actor, string token, CancellationToken ct = default)
    {
        var hash = Hash(token);
        var accepted = await DbRetry.RunAsync(async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            await using var tx = await db.BeginWriteTransactionAsync(c);
            var invitation = await FindLockedAsync(db, hash, c);
            if (invitation is null || invitation.Kind != InvitationKind.Book)
            {
                return Result<InvitationDto>.NotFound("This invitation link is not valid.");
            }
            if (Unusable(invitation) is { } problem)
            {
                return problem;
            }
            var email = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(c);
            if (email != invitation.NormalizedEmail)
            {
                return Result<InvitationDto>.Forbidden($"This invitation was sent to {invitation.Email}; sign in with that address to accept it.");
            }
            await JoinAsync(db, invitation, actor.UserId, c);
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return Result<InvitationDto>.Ok(ToDto(invitation, invitation.Book?.Name));
        }, ct);
        if (accepted.Value is { BookId: { } bookId })
        {
            notifier.Publish(new BookChange(bookId, BookChangeKind.Members));
        }
        return accepted;
    }

    /// <summary>Null when <paramref name="token"/> lets <paramref name="email"/> create an account; otherwise why not.</summary>
    public async Task<string?> CheckSignUpAsync(string? token, string email, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return "Registration is by invitation only. Ask an administrator or a book owner to invite you.";
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
        {
            return "This invitation link is not valid.";
        }
        if (Unusable(invitation) is { } problem)
        {
            return problem.Message;
        }
        return invitation.NormalizedEmail == Normalize(email) ? null : $"This invitation is for {invitation.Email}.";
    }

    /// <summary>After sign-up with an invitation: mark it used and, for a book invitation, join the book.</summary>
    public Task CompleteSignUpAsync(string token, string userId, CancellationToken ct = default)
    {
        var hash = Hash(token);
        return DbRetry.RunAsync(async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            await using var tx = await db.BeginWriteTransactionAsync(c);
            var invitation = await FindLockedAsync(db, hash, c);
            if (invitation is null || Unusable(invitation) is not null)
            {
                return false;
            }
            await JoinAsync(db, invitation, userId, c);
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
    }

    /// <summary>
    /// The invitation with this token hash, read after its book's lock is taken (<see cref="WriteLocks.LockBooksAsync"/>), so
    /// that it is accepted or withdrawn once, and the book's members are what the rest of the transaction sees.
    /// </summary>
    private static async Task<Invitation?> FindLockedAsync(LedgerDbContext db, string hash, CancellationToken ct)
    {
        var bookId = await db.Invitations.Where(i => i.TokenHash == hash).Select(i => i.BookId).FirstOrDefaultAsync(ct);
        if (bookId is { } id)
        {
            await db.LockBooksAsync([id], ct);
        }
        return await db.Invitations.Include(i => i.Book).FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    private async Task JoinAsync(LedgerDbContext db, Invitation invitation, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        invitation.AcceptedAt = now;
        invitation.AcceptedById = userId;
        if (invitation.Kind == InvitationKind.Book
            && !await db.BookMembers.AnyAsync(m => m.BookId == invitation.BookId && m.UserId == userId, ct))
        {
            db.BookMembers.Add(new BookMember { BookId = invitation.BookId!.Value, UserId = userId, Role = invitation.Role!.Value, CreatedAt = now });
        }
        db.Audit(now, userId, invitation.BookId, AuditActions.InvitationAccepted, nameof(Invitation), invitation.Id);
    }

    private Result<InvitationDto>? Unusable(Invitation invitation) =>
        invitation.RevokedAt is not null ? Result<InvitationDto>.Invalid("Token", "This invitation has been withdrawn.")
        : invitation.AcceptedAt is not null ? Result<InvitationDto>.Conflict("This invitation has already been used.")
        : invitation.ExpiresAt <= clock.GetUtcNow().UtcDateTime
            ? Result<InvitationDto>.Invalid("Token", "This invitation has expired; ask for a new one.")
            : null;

    private (Invitation Invitation, string Link) NewInvitation(InvitationKind kind, string email, Actor actor)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Kind = kind, Email = email, NormalizedEmail = Normalize(email), TokenHash = Hash(token), InvitedById = actor.UserId,
            CreatedAt = now, ExpiresAt = now.AddDays(options.Value.ExpiryDays),
        };
        var link = kind == InvitationKind.Book
            ? publicAddress.Link($"invitations/{token}")
            : publicAddress.Link("Account/Register", ("invitation", token));
        return (invitation, link);
    }

    private InvitationDto ToDto(Invitation i, string? bookName) =>
        new(i.Id, i.Kind, i.Email, i.BookId, bookName, i.Role, i.ExpiresAt, i.ExpiresAt <= clock.GetUtcNow().UtcDateTime,
            i.AcceptedAt is not null, i.RevokedAt is not null);

    private static bool IsEmail(string email) => email.Length <= InvitationLimits.MaxEmail && new EmailAddressAttribute().IsValid(email) && email.Contains('.');

    /// <summary>As Identity normalizes e-mail addresses (upper invariant), so invitations match accounts.</summary>
    private static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
