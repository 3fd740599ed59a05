using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace BlazorLedger.Features.Mail;

public sealed class MailOptions : IValidatableObject
{
    /// <summary>When set, messages are also sent through this SMTP server; otherwise they only go to the log and the outbox.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535, ErrorMessage = "Mail:SmtpPort must be a port number between 1 and 65535.")]
    public int SmtpPort { get; set; } = 25;

    public bool SmtpSsl { get; set; }
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string From { get; set; } = "BlazorLedger <no-reply@localhost>";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult($"Mail:From \"{From}\" is not a mail address (e.g. BlazorLedger <no-reply@example.org>).", [nameof(From)]);
        }
    }
}
