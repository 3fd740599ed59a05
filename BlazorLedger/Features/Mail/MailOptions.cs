namespace BlazorLedger.Features.Mail;

public sealed class MailOptions
{
    /// <summary>When set, messages are also sent through this SMTP server; otherwise they only go to the log and the outbox.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public bool SmtpSsl { get; set; }
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string From { get; set; } = "BlazorLedger <no-reply@localhost>";
}
