namespace BlazorLedger.Features.Mail;

public sealed record OutboxItem(long Id, DateTime CreatedAt, string To, string Subject, string HtmlBody, DateTime? SentAt, string? Error);
