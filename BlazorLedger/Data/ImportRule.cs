namespace BlazorLedger.Data;

/// <summary>
/// "When the description or payee contains <see cref="Pattern"/> (or matches it as a regular expression), the other side is
/// <see cref="AccountId"/> and the payee <see cref="Payee"/>." A book's rules apply in <see cref="Position"/> order; the first
/// that matches wins.
/// </summary>
public sealed class ImportRule
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }
    public int Position { get; set; }
    public required string Pattern { get; set; }
    public bool IsRegex { get; set; }
    public Guid? AccountId { get; set; }
    public string? Payee { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}
