using System.Net.Mail;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

public sealed record OutboxItem(long Id, DateTime CreatedAt, string To, string Subject, string HtmlBody, DateTime? SentAt, string? Error);

/// <summary>
/// Every message the app sends is written to the outbox (readable by admins) and the log, so that links work on a
/// closed network; if SMTP is configured it is also delivered.
/// </summary>
public sealed class Outbox(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, IOptions<MailOptions> options,
    ILogger<Outbox> logger)
{
    public async Task SendAsync(string to, string subject, MailHtml body, CancellationToken ct = default)
    {
        to = MailHtml.PlainLine(to);
        subject = MailHtml.PlainLine(subject);
        var htmlBody = body.Value;
        var message = new OutboxMessage { CreatedAt = clock.GetUtcNow().UtcDateTime, To = to, Subject = subject, HtmlBody = htmlBody };
        // Bodies hold sign-in links and reset tokens: they go to the outbox (admins only), never to the log.
        logger.LogInformation("Mail to {To}: {Subject} (in the outbox)", to, subject);
        if (options.Value.SmtpHost is { Length: > 0 } host)
        {
            try
            {
                using var smtp = new SmtpClient(host, options.Value.SmtpPort) { EnableSsl = options.Value.SmtpSsl };
                if (options.Value.SmtpUser is { Length: > 0 } user)
                {
                    smtp.Credentials = new System.Net.NetworkCredential(user, options.Value.SmtpPassword);
                }
                using var mail = new MailMessage(options.Value.From, to, subject, htmlBody) { IsBodyHtml = true };
                await smtp.SendMailAsync(mail, ct);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
            }
            catch (Exception ex) when (ex is SmtpException or InvalidOperationException or FormatException)
            {
                logger.LogWarning(ex, "Could not deliver mail to {To}; it stays in the outbox", to);
                message.Error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
            }
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Outbox.Add(message);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The newest messages, for admins only.</summary>
    public async Task<Result<IReadOnlyList<OutboxItem>>> ListAsync(Actor actor, string? to = null, int limit = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await AdminAccess.IsAdminAsync(db, actor, ct))
        {
            return Result<IReadOnlyList<OutboxItem>>.Forbidden(AdminAccess.Denied);
        }
        var query = db.Outbox.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(to))
        {
            var pattern = SearchText.ContainsPattern(to);
            query = query.Where(m => EF.Functions.Like(m.To, pattern!, SearchText.Escape));
        }
        IReadOnlyList<OutboxItem> items = await query.OrderByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(m => new OutboxItem(m.Id, m.CreatedAt, m.To, m.Subject, m.HtmlBody, m.SentAt, m.Error))
            .ToListAsync(ct);
        return Result<IReadOnlyList<OutboxItem>>.Ok(items);
    }
}

/// <summary>Identity's account messages (confirmations, password resets) go through the outbox.</summary>
public sealed class OutboxEmailSender(Outbox outbox) : IEmailSender<ApplicationUser>
{
    // Links arrive as plain URLs (not HTML-encoded, unlike the template's convention) and are encoded here, once.
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        outbox.SendAsync(email, "Confirm your e-mail address",
            MailHtml.Format($"<p>Please confirm your BlazorLedger account by <a href=\"{confirmationLink}\">following this link</a>.</p>"));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        outbox.SendAsync(email, "Reset your password",
            MailHtml.Format($"<p>Reset your BlazorLedger password by <a href=\"{resetLink}\">following this link</a>. If you did not ask for this, ignore this message.</p>"));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        outbox.SendAsync(email, "Reset your password", MailHtml.Format($"<p>Your password reset code is <strong>{resetCode}</strong>.</p>"));
}
