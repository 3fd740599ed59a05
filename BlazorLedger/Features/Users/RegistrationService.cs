using System.Text;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Books;
using BlazorLedger.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorLedger.Features.Users;

/// <summary>
/// Who may create an account: anyone (open), the holder of a usable invitation (invite-only), or only the holder of an
/// administrator's sign-up invitation (closed). The register page asks before it shows the form, and the rule is asked
/// again when the form is posted. For that static-rendered page only: it uses the request's user manager.
/// </summary>
internal sealed class RegistrationService(SettingsService settings, InvitationService invitations, UserManager<ApplicationUser> users,
    IEmailSender<ApplicationUser> mail, PublicAddress publicAddress)
{
    public async Task<RegistrationDoor> CheckAsync(string? invitationToken, CancellationToken ct = default)
    {
        var policy = await settings.GetRegistrationPolicyAsync(ct);
        var found = invitationToken is { Length: > 0 } token ? await invitations.FindAsync(token, ct) : null;
        return Decide(policy, invitationToken, found);
    }

    /// <summary>The rule itself: <paramref name="found"/> is what <paramref name="token"/> names, null if it names nothing.</summary>
    public static RegistrationDoor Decide(RegistrationPolicy policy, string? token, InvitationDto? found)
    {
        var usable = found is { Usable: true } ? found : null;
        var refusal = policy switch
        {
            RegistrationPolicy.Closed when usable?.Kind != InvitationKind.SignUp =>
                "Registration is closed. An administrator can create an account for you.",
            RegistrationPolicy.InviteOnly when usable is null => found switch
            {
                null when string.IsNullOrEmpty(token) => "Registration is by invitation only. Ask an administrator or a book owner to invite you.",
                null => "This invitation link is not valid.",
                { Revoked: true } => "This invitation has been withdrawn.",
                { Accepted: true } => "This invitation has already been used. Sign in instead.",
                _ => "This invitation has expired; ask for a new one.",
            },
            _ => null,
        };
        return new RegistrationDoor(refusal, refusal is null ? usable : null);
    }

    /// <summary>Creates the account if the rule lets this visitor in, marks their invitation used and mails them a confirmation link.</summary>
    public async Task<Result<ApplicationUser>> RegisterAsync(NewAccount account, string? returnUrl, CancellationToken ct = default)
    {
        var door = await CheckAsync(account.Invitation, ct);
        if (!door.Open)
        {
            return Result<ApplicationUser>.Forbidden(door.Refusal!);
        }
        if (door.Invitation is not null && await invitations.CheckSignUpAsync(account.Invitation, account.Email, ct) is { } problem)
        {
            return Result<ApplicationUser>.Invalid("Email", problem);
        }
        var user = new ApplicationUser
        {
            UserName = account.Email,
            Email = account.Email,
            DisplayName = account.DisplayName.Trim(),
            // The invitation link reached this address, so the address is proven.
            EmailConfirmed = door.Invitation is not null,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            var errors = new ValidationErrors();
            foreach (var error in created.Errors)
            {
                errors.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email", error.Description);
            }
            return errors.ToResult<ApplicationUser>() with { Message = string.Join(", ", created.Errors.Select(e => e.Description)) };
        }
        if (door.Invitation is not null)
        {
            await invitations.CompleteSignUpAsync(account.Invitation!, user.Id, ct);
        }
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        await mail.SendConfirmationLinkAsync(user, account.Email,
            publicAddress.Link("Account/ConfirmEmail", ("userId", user.Id), ("code", code), ("returnUrl", returnUrl)));
        return Result<ApplicationUser>.Created(user);
    }
}
