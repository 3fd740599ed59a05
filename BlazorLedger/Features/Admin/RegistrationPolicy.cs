namespace BlazorLedger.Features.Admin;

public enum RegistrationPolicy
{
    /// <summary>Anyone who reaches the site can create an account.</summary>
    Open,
    /// <summary>Only someone holding a valid invitation can create an account.</summary>
    InviteOnly,
    /// <summary>Nobody can create an account; admins create users.</summary>
    Closed,
}
