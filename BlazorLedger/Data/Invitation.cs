namespace BlazorLedger.Data;

/// <summary>A link with an expiry, sent by e-mail (or read from the outbox). Only a hash of its token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public InvitationKind Kind { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string TokenHash { get; set; }
    public Guid? BookId { get; set; }
    public BookRole? Role { get; set; }
    public required string InvitedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedById { get; set; }
    public DateTime? RevokedAt { get; set; }
    public Book? Book { get; set; }
}
