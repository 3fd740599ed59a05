namespace BlazorLedger.Features.Books;

public sealed class InvitationOptions
{
    public int ExpiryDays { get; set; } = 7;
}
