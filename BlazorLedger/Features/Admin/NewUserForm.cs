using BlazorLedger.Common;

namespace BlazorLedger.Features.Admin;

/// <summary>The users page's "create a user" form: what the admin typed, the field errors, and the one-time secret to pass on.</summary>
public sealed class NewUserForm
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>Send an invitation link instead of making a temporary password; the invitee then chooses their own name.</summary>
    public bool Invite { get; set; }

    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    /// <summary>Shown once, right after creation: the temporary password or the invitation link.</summary>
    public CreatedUser? Created { get; private set; }

    /// <summary>Takes in what creating answered; a failure that no field explains comes back as the message to show.</summary>
    public string? Apply(Result<CreatedUser> result)
    {
        Errors = FieldErrors.Of(result);
        Created = result.Value;
        if (result.Succeeded)
        {
            Name = Email = "";
            return null;
        }
        return result.Status == ResultStatus.Invalid ? null : result.Message ?? "The user was not created.";
    }
}
