using System.ComponentModel.DataAnnotations;

namespace BlazorLedger.Features.Books;

public sealed class InvitationOptions
{
    [Range(1, 365, ErrorMessage = "Invitations:ExpiryDays must be between 1 and 365.")]
    public int ExpiryDays { get; set; } = 7;
}
