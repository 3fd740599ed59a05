namespace BlazorLedger.Data;

public sealed class BookMember
{
    public Guid BookId { get; set; }
    public required string UserId { get; set; }
    public BookRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public Book? Book { get; set; }
    public ApplicationUser? User { get; set; }
}
