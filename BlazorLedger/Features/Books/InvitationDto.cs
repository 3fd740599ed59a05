using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>An invitation as its holder or the inviting owner sees it. Link is only known right after creation.</summary>
public sealed record InvitationDto(Guid Id, InvitationKind Kind, string Email, Guid? BookId, string? BookName, BookRole? Role,
    DateTime ExpiresAt, bool Expired, bool Accepted, bool Revoked, string? Link = null)
{
    public bool Usable => !Expired && !Accepted && !Revoked;
}
