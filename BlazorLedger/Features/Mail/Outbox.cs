using System.Net.Mail;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Mail;

/// <summary>
/// Every message the app sends is written to the outbox (readable by admins) and the log, so that links work on a
/// closed network; if SMTP is configured it is also delivered.
/// </summary>
internal sealed class Outbox(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock, IOptions<MailOptions> options,
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
            query = query.Where(m => SearchText.Matches(m.To, pattern));
        }
        IReadOnlyList<OutboxItem> items = await query.OrderByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(m => new OutboxItem(m.Id, m.CreatedAt, m.To, m.Subject, m.HtmlBody, m.SentAt, m.Error))
            .ToListAsync(ct);
        return Result<IReadOnlyList<OutboxItem>>.Ok(items);
    }
}
