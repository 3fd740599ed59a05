using BlazorLedger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Features.Mail;

/// <summary>Identity's account messages (confirmations, password resets) go through the outbox.</summary>
internal sealed class OutboxEmailSender(Outbox outbox) : IEmailSender<ApplicationUser>
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
